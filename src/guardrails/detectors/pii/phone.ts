import { precededBy, type PiiSpan } from './span.ts';
import { plausibleNationalLength, validPhoneDigits } from './phone-validity.ts';
import type { TextFacts } from './facts.ts';

// Runs of digit groups a phone number can be written as: "+44 20 7946 0958", "(415) 555-2671",
// "415.555.2671", "1-800-555-0199". Letters or digits glued to either end rule a run out. Sticky: tried
// only where a run can begin (a digit run, or the "+", "(" or "+(" just before one), not at every position.
const RUN = /(?<![\w+.\-/])\+?\(?\d[\d().\- ]*\d\)?(?![\w]|[.\-/]\d)/y;
// An order, invoice, tracking or reference number is labelled as such; it is not a phone number.
const NOT_A_PHONE = /(?:order|invoice|tracking|track|shipment|parcel|package|ref(?:erence)?|sku|item|account|acct|confirmation|conf|case|ticket|rma|po|receipt|transaction|txn|serial|model|part|product|id)\s*(?:no\.?|number|num|nr|id|code|#)?(?:\s+(?:is|was))?\s*[:#]?\s*#?\s*$|#\s*$/i;

/**
 * Phone numbers valid for their country by libphonenumber's full metadata ("max"): national formats in
 * the default region and international formats anywhere, with or without separators. We find candidate
 * runs ourselves and judge each by libphonenumber's metadata (phone-validity.ts); its own findNumbers
 * was the slowest part of the guard by far.
 * A run longer than a number (a number followed by a count, two numbers in a row) is tried group by
 * group, longest first. A run whose every digit is already inside a `taken` span (a card, an SSN) is
 * not judged at all: whatever it held would overlap that span and be dropped.
 */
export function findPhones(text: string, facts: TextFacts, defaultRegion: string, taken: readonly PiiSpan[] = []): PiiSpan[] {
  const out: PiiSpan[] = [];
  const { starts, ends, groups } = facts;
  let from = 0; // the end of the last run: runs do not overlap
  for (let g = 0; g < groups; g++) {
    if (starts[g] < from) continue;
    const run = runAt(text, starts[g], from);
    if (run === null) continue;
    const runStart = run.index;
    const runEnd = runStart + run[0].length;
    from = runEnd;
    // the digit runs inside this run: first..last (a run ends on a digit or the ")" right after one)
    const first = g;
    let last = g;
    while (last + 1 < groups && ends[last + 1] <= runEnd) last++;
    g = last;
    let total = 0;
    for (let k = first; k <= last; k++) total += ends[k] - starts[k];
    const count = last - first + 1;
    if (total < 7) continue;
    // a dotted quad is an IP address or a version, not a phone number
    if (count === 4 && total <= 12 && DOTTED_QUAD.test(run[0])) continue;
    // four or more groups of four digits: a card, tracking or account number, never a phone number
    if (count >= 4 && everyFourDigits(facts, first, last)) continue;
    if (taken.length && allTaken(facts, first, last, taken)) continue;
    for (let i = first; i <= last; i++) {
      // an opening "+" or "(" right before the first group belongs to the number
      let start = starts[i];
      while (start > runStart && (text[start - 1] === '+' || text[start - 1] === '(')) start -= 1;
      for (let j = Math.min(last, i + 5); j >= i; j--) {
        let digits = 0;
        for (let k = i; k <= j; k++) digits += ends[k] - starts[k];
        if (digits < 7 || digits > 17) continue;
        if (text[start] !== '+' && text[starts[i]] !== '0' && !plausibleNationalLength(defaultRegion, digits)) continue;
        let end = ends[j];
        if (text[end] === ')' && text.lastIndexOf('(', end) >= start && text.lastIndexOf(')', end - 1) < start) end += 1;
        const e164 = validPhoneDigits(text.slice(start, end), digitsOf(text, facts, i, j), text.charCodeAt(start) === 43, defaultRegion);
        // the label test runs last: it is the slower one, and valid numbers are rare
        if (e164 && !precededBy(text, start, NOT_A_PHONE)) {
          out.push({ type: 'phone', start, end, value: e164 });
          i = j;
          break;
        }
      }
    }
  }
  return out;
}

/**
 * The run that begins with the digits at `digitsAt`, or with the "+", "(" or "+(" right before them
 * (tried leftmost first, as a global search would), not before `from`.
 */
function runAt(text: string, digitsAt: number, from: number): RegExpExecArray | null {
  for (let p = Math.max(from, digitsAt - 2); p <= digitsAt; p++) {
    if (p < digitsAt && !opensRun(text, p, digitsAt)) continue;
    RUN.lastIndex = p;
    const run = RUN.exec(text);
    if (run !== null) return run;
  }
  return null;
}

/** text[p..digitsAt) is "+", "(" or "+(". */
function opensRun(text: string, p: number, digitsAt: number): boolean {
  const c = text.charCodeAt(p);
  if (digitsAt - p === 1) return c === 43 || c === 40;
  return c === 43 && text.charCodeAt(p + 1) === 40;
}

/** The digits of runs i..j, without what separates them. */
function digitsOf(text: string, facts: TextFacts, i: number, j: number): string {
  let digits = text.slice(facts.starts[i], facts.ends[i]);
  for (let k = i + 1; k <= j; k++) digits += text.slice(facts.starts[k], facts.ends[k]);
  return digits;
}

const DOTTED_QUAD = /^\d{1,3}(?:\.\d{1,3}){3}$/;

function everyFourDigits(facts: TextFacts, first: number, last: number): boolean {
  for (let k = first; k < last; k++) if (facts.ends[k] - facts.starts[k] !== 4) return false;
  return true;
}

function allTaken(facts: TextFacts, first: number, last: number, taken: readonly PiiSpan[]): boolean {
  for (let k = first; k <= last; k++) {
    if (!taken.some((t) => t.start <= facts.starts[k] && facts.ends[k] <= t.end)) return false;
  }
  return true;
}
