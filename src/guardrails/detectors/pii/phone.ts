import { allMatches } from '../../match/each.ts';
import { precededBy, type PiiSpan } from './span.ts';
import { validPhone } from './phone-validity.ts';

// Runs of digit groups a phone number can be written as: "+44 20 7946 0958", "(415) 555-2671",
// "415.555.2671", "1-800-555-0199". Letters or digits glued to either end rule a run out.
const RUN = /(?<![\w+.\-/])\+?\(?\d[\d().\- ]*\d\)?(?![\w]|[.\-/]\d)/g;
const GROUP = /\d+/g;
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
  for (const run of allMatches(RUN, text)) {
    const groups = allMatches(GROUP, run[0]).map((g) => ({ start: run.index + g.index, end: run.index + g.index + g[0].length, digits: g[0].length }));
    let total = 0;
    for (const g of groups) total += g.digits;
    if (total < 7) continue;
    // a dotted quad is an IP address or a version, not a phone number
    if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(run[0])) continue;
    // four or more groups of four digits: a card, tracking or account number, never a phone number
    if (groups.length >= 4 && groups.slice(0, -1).every((g) => g.digits === 4)) continue;
    for (let i = 0; i < groups.length; i++) {
      // an opening "+" or "(" right before the first group belongs to the number
      let start = groups[i].start;
      while (start > run.index && /[+(]/.test(text[start - 1])) start -= 1;
      let found = false;
      for (let j = Math.min(groups.length - 1, i + 5); j >= i && !found; j--) {
        let digits = 0;
        for (let k = i; k <= j; k++) digits += groups[k].digits;
        if (digits < 7 || digits > 15) continue;
        const end = groups[j].end + (text[groups[j].end] === ')' && text.slice(start, groups[j].end).includes('(') && !text.slice(start, groups[j].end).includes(')') ? 1 : 0);
        const candidate = text.slice(start, end);
        const e164 = validPhone(candidate, defaultRegion);
        // the label test runs last: it is the slower one, and valid numbers are rare
        if (e164 && !precededBy(text, start, NOT_A_PHONE)) {
          out.push({ type: 'phone', start, end, value: e164 });
          i = j;
          found = true;
        }
      }
    }
  }
  return out;
}
