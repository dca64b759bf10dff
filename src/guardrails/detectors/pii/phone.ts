import { precededBy, type PiiSpan } from './span.ts';
import { plausibleNationalLength, validPhone } from './phone-validity.ts';

// Runs of digit groups a phone number can be written as: "+44 20 7946 0958", "(415) 555-2671",
// "415.555.2671", "1-800-555-0199". Letters or digits glued to either end rule a run out.
const RUN = /(?<![\w+.\-/])\+?\(?\d[\d().\- ]*\d\)?(?![\w]|[.\-/]\d)/g;
// An order, invoice, tracking or reference number is labelled as such; it is not a phone number.
const NOT_A_PHONE = /(?:order|invoice|tracking|track|shipment|parcel|package|ref(?:erence)?|sku|item|account|acct|confirmation|conf|case|ticket|rma|po|receipt|transaction|txn|serial|model|part|product|id)\s*(?:no\.?|number|num|nr|id|code|#)?(?:\s+(?:is|was))?\s*[:#]?\s*#?\s*$|#\s*$/i;

/**
 * Phone numbers valid for their country by libphonenumber's full metadata ("max"): national formats in
 * the default region and international formats anywhere, with or without separators. We find candidate
 * runs ourselves and judge each by libphonenumber's metadata (phone-validity.ts); its own findNumbers
 * was the slowest part of the guard by far.
 * A run longer than a number (a number followed by a count, two numbers in a row) is tried group by
 * group, longest first.
 */
export function findPhones(text: string, defaultRegion: string): PiiSpan[] {
  const out: PiiSpan[] = [];
  // digit groups of the current run, as flat [start, end) pairs: no objects, no arrays per match
  const groups: number[] = [];
  RUN.lastIndex = 0;
  let run: RegExpExecArray | null;
  while ((run = RUN.exec(text)) !== null) {
    const runStart = run.index;
    const runEnd = runStart + run[0].length;
    groups.length = 0;
    let total = 0;
    for (let i = runStart; i < runEnd; ) {
      if (isDigit(text.charCodeAt(i))) {
        const start = i;
        while (i < runEnd && isDigit(text.charCodeAt(i))) i++;
        groups.push(start, i);
        total += i - start;
      } else i++;
    }
    const count = groups.length / 2;
    if (total < 7) continue;
    // a dotted quad is an IP address or a version, not a phone number
    if (count === 4 && total <= 12 && DOTTED_QUAD.test(run[0])) continue;
    // four or more groups of four digits: a card, tracking or account number, never a phone number
    if (count >= 4 && everyFourDigits(groups)) continue;
    for (let i = 0; i < count; i++) {
      // an opening "+" or "(" right before the first group belongs to the number
      let start = groups[2 * i];
      while (start > runStart && (text[start - 1] === '+' || text[start - 1] === '(')) start -= 1;
      for (let j = Math.min(count - 1, i + 5); j >= i; j--) {
        let digits = 0;
        for (let k = i; k <= j; k++) digits += groups[2 * k + 1] - groups[2 * k];
        if (digits < 7 || digits > 17) continue;
        if (text[start] !== '+' && text[groups[2 * i]] !== '0' && !plausibleNationalLength(defaultRegion, digits)) continue;
        let end = groups[2 * j + 1];
        if (text[end] === ')' && text.lastIndexOf('(', end) >= start && text.lastIndexOf(')', end - 1) < start) end += 1;
        const e164 = validPhone(text.slice(start, end), defaultRegion);
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

const DOTTED_QUAD = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const isDigit = (c: number) => c >= 48 && c <= 57;

function everyFourDigits(groups: readonly number[]): boolean {
  for (let k = 0; k < groups.length - 2; k += 2) if (groups[k + 1] - groups[k] !== 4) return false;
  return true;
}
