import { REFERENCE_LABEL, precededBy, type PiiSpan } from './span.ts';
import { plausibleNationalLength, validPhoneDigits } from './phone-validity.ts';
import { isDigit, isWordChar, type TextFacts } from './facts.ts';

// A phone number is looked for in runs of digit groups it can be written as: "+44 20 7946 0958",
// "(415) 555-2671", "415.555.2671", "1-800-555-0199". Letters or digits glued to either end rule a run
// out. A run is what /(?<![\w+.\-/])\+?\(?\d[\d().\- ]*\d\)?(?![\w]|[.\-/]\d)/ matches; runEndAt reads
// it by hand, only where one can begin (a digit run, or the "+", "(" or "+(" just before one): the regex
// run there cost more than the rest of the phone search.

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
    // the run begins at the "+", "(" or "+(" right before the digits or at the digits (leftmost first,
    // as a global search would), not before `from`
    let runStart = -1;
    let runEnd = -1;
    for (let p = Math.max(from, starts[g] - 2); p <= starts[g] && runStart < 0; p++) {
      if (p < starts[g] && !opensRun(text, p, starts[g])) continue;
      runEnd = runEndAt(text, p);
      if (runEnd >= 0) runStart = p;
    }
    if (runStart < 0) continue;
    from = runEnd;
    // "$4155552671", "€ 2125550123": an amount of money, not a phone number
    if (afterCurrency(text, runStart)) continue;
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
    if (count === 4 && total <= 12 && DOTTED_QUAD.test(text.slice(runStart, runEnd))) continue;
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
        if (e164 && !precededBy(text, start, REFERENCE_LABEL)) {
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
 * The end of the run that begins at `p`, or -1. As the regex reads it: not after a word character or
 * + . - /; an optional "+" and "(", a digit, as many of [\d().\- ] as can be followed by a last digit,
 * an optional ")", and then no word character and no [.-/] before a digit.
 */
function runEndAt(text: string, p: number): number {
  const before = text.charCodeAt(p - 1);
  if (isWordChar(before) || before === 43 || before === 46 || before === 45 || before === 47) return -1;
  let i = p;
  if (text.charCodeAt(i) === 43) i++;
  if (text.charCodeAt(i) === 40) i++;
  if (!isDigit(text.charCodeAt(i))) return -1;
  const first = i;
  let runOf = first + 1;
  while (isRunChar(text.charCodeAt(runOf))) runOf++;
  // the last digit: the farthest one after the first that the run can end on
  for (let q = runOf - 1; q > first; q--) {
    if (!isDigit(text.charCodeAt(q))) continue;
    if (text.charCodeAt(q + 1) === 41 && endsRun(text, q + 2)) return q + 2;
    if (endsRun(text, q + 1)) return q + 1;
  }
  return -1;
}

/** [\d().\- ] */
const isRunChar = (c: number) => isDigit(c) || c === 40 || c === 41 || c === 46 || c === 45 || c === 32;

/** (?![\w]|[.\-/]\d) at `end`. */
function endsRun(text: string, end: number): boolean {
  const c = text.charCodeAt(end);
  if (isWordChar(c)) return false;
  return !((c === 46 || c === 45 || c === 47) && isDigit(text.charCodeAt(end + 1)));
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

/** A currency symbol right before `start` (one space allowed between). */
function afterCurrency(text: string, start: number): boolean {
  const before = text[start - 1] === ' ' ? start - 2 : start - 1;
  return before >= 0 && CURRENCY.test(text[before]);
}
const CURRENCY = /\p{Sc}/u;

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
