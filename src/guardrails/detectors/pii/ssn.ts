import { REFERENCE_LABEL, labelBefore, precededBy, type PiiSpan } from './span.ts';
import { isDigit, type TextFacts } from './facts.ts';

// Nine bare digits are an SSN only when the text says so just before.
// cheap gate: no SSN word anywhere, no bare nine digits to look at
const SSN_WORD = /ssn|ss#|social|soc\.?\s*sec|tin\b|taxpayer/i;
const SSN_CONTEXT = labelBefore(/(?:\bssn|\bss#|social\s+security(?:\s+(?:number|no\.?|#))?|soc\.?\s*sec\.?(?:\s*(?:no\.?|#))?|\btin|taxpayer\s+id(?:entification)?(?:\s+number)?)\s*(?:is|was|as|reads|:|#|=|-)?\s*[:#]?\s*/i);

/** SSA rules: area not 000, 666 or 900–999; group not 00; serial not 0000. */
export function validSsn(area: string, group: string, serial: string): boolean {
  const a = Number(area);
  return a !== 0 && a !== 666 && a < 900 && group !== '00' && serial !== '0000';
}

/**
 * US Social Security numbers: separated (123-45-6789, 123 45 6789, 123.45.6789) always; nine bare digits
 * only after SSN context. Read from the text's digit runs (facts.ts): a run of 3, the same separator
 * between 3, 2 and 4 digits, not glued to a hyphen on either side.
 */
export function findSsns(text: string, facts: TextFacts): PiiSpan[] {
  const out: PiiSpan[] = [];
  const { starts, ends, groups } = facts;
  let nine = false;
  for (let k = 0; k < groups; k++) {
    const start = starts[k];
    if (ends[k] - start === 9) nine = true;
    if (k + 2 >= groups || ends[k] - start !== 3 || text.charCodeAt(start - 1) === 45) continue;
    const separator = text.charCodeAt(ends[k]);
    if (separator !== 45 && separator !== 32 && separator !== 46) continue;
    if (starts[k + 1] !== ends[k] + 1 || ends[k + 1] - starts[k + 1] !== 2 || text.charCodeAt(ends[k + 1]) !== separator) continue;
    const end = ends[k + 2];
    if (starts[k + 2] !== ends[k + 1] + 1 || end - starts[k + 2] !== 4 || gluedToHyphen(text, end)) continue;
    const area = text.slice(start, ends[k]);
    const group = text.slice(starts[k + 1], ends[k + 1]);
    const serial = text.slice(starts[k + 2], end);
    if (validSsn(area, group, serial) && !labelledReference(text, start)) out.push({ type: 'ssn', start, end, value: area + group + serial });
    k += 2; // an invalid number is still not the start of another one
  }
  if (!nine || !SSN_WORD.test(text)) return out;
  for (let k = 0; k < groups; k++) {
    const start = starts[k];
    if (ends[k] - start !== 9 || text.charCodeAt(start - 1) === 45 || gluedToHyphen(text, ends[k])) continue;
    const d = text.slice(start, start + 9);
    if (validSsn(d.slice(0, 3), d.slice(3, 5), d.slice(5)) && precededBy(text, start, SSN_CONTEXT, 40)) {
      out.push({ type: 'ssn', start, end: start + 9, value: d });
    }
  }
  return out;
}

/** "order number 123-45-6789", "SKU 123-45-6789": a labelled reference, unless the label says SSN. */
const labelledReference = (text: string, start: number) => precededBy(text, start, REFERENCE_LABEL) && !precededBy(text, start, SSN_CONTEXT, 40);

/** "-6789" continues after `end`: the number is part of a longer hyphenated code. */
const gluedToHyphen = (text: string, end: number) => text.charCodeAt(end) === 45 && isDigit(text.charCodeAt(end + 1));
