import { allMatches } from '../../match/each.ts';
import { precededBy, type PiiSpan } from './span.ts';

const SEPARATED = /(?<![\d-])(\d{3})([- .])(\d{2})\2(\d{4})(?![\d]|-\d)/g;
const BARE = /(?<![\d-])\d{9}(?![\d]|-\d)/g;
// Nine bare digits are an SSN only when the text says so just before.
// cheap gate: no SSN word anywhere, no bare nine digits to look at
const SSN_WORD = /ssn|ss#|social|soc\.?\s*sec|tin\b|taxpayer/i;
const SSN_CONTEXT = /(?:\bssn|\bss#|social\s+security(?:\s+(?:number|no\.?|#))?|soc\.?\s*sec\.?(?:\s*(?:no\.?|#))?|\btin|taxpayer\s+id(?:entification)?(?:\s+number)?)\s*(?:is|was|as|reads|:|#|=|-)?\s*[:#]?\s*$/i;

/** SSA rules: area not 000, 666 or 900–999; group not 00; serial not 0000. */
export function validSsn(area: string, group: string, serial: string): boolean {
  const a = Number(area);
  return a !== 0 && a !== 666 && a < 900 && group !== '00' && serial !== '0000';
}

/** US Social Security numbers: separated (123-45-6789, 123 45 6789) always; nine bare digits only after SSN context. */
export function findSsns(text: string): PiiSpan[] {
  const out: PiiSpan[] = [];
  for (const m of allMatches(SEPARATED, text)) {
    if (validSsn(m[1], m[3], m[4])) out.push({ type: 'ssn', start: m.index, end: m.index + m[0].length, value: `${m[1]}${m[3]}${m[4]}` });
  }
  if (!SSN_WORD.test(text)) return out;
  for (const m of allMatches(BARE, text)) {
    const d = m[0];
    if (validSsn(d.slice(0, 3), d.slice(3, 5), d.slice(5)) && precededBy(text, m.index, SSN_CONTEXT, 40)) {
      out.push({ type: 'ssn', start: m.index, end: m.index + 9, value: d });
    }
  }
  return out;
}
