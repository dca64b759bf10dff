import { findNumbers, type CountryCode } from 'libphonenumber-js/max';
import { precededBy, type PiiSpan } from './span.ts';

// Cheap gate: at least seven digits close together, or findNumbers is not worth calling.
const SEVEN_DIGITS = /\d(?:[\s().\-/]{0,3}\d){6}/;
// An order, invoice, tracking or reference number is labelled as such; it is not a phone number.
const NOT_A_PHONE = /(?:order|invoice|tracking|track|shipment|parcel|package|ref(?:erence)?|sku|item|account|acct|confirmation|conf|case|ticket|rma|po|receipt|transaction|txn|serial|model|part|product|id)\s*(?:no\.?|number|num|nr|id|code|#)?(?:\s+(?:is|was))?\s*[:#]?\s*#?\s*$|#\s*$/i;

/**
 * Phone numbers valid for their country by libphonenumber's full metadata ("max"), national formats in
 * the default region and international formats anywhere, with or without separators.
 */
export function findPhones(text: string, defaultRegion: string): PiiSpan[] {
  if (!SEVEN_DIGITS.test(text)) return [];
  const out: PiiSpan[] = [];
  for (const found of findNumbers(text, { defaultCountry: defaultRegion as CountryCode, v2: true })) {
    if (!found.number.isValid()) continue;
    if (precededBy(text, found.startsAt, NOT_A_PHONE)) continue;
    out.push({ type: 'phone', start: found.startsAt, end: found.endsAt, value: found.number.number });
  }
  return out;
}
