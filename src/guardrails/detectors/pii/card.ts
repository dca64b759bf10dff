import { labelBefore, precededBy, type PiiSpan } from './span.ts';
import type { TextFacts } from './facts.ts';

const TRACKING = labelBefore(/(?:tracking|track|shipment|parcel|waybill|awb)\s*(?:no\.?|number|#|id)?\s*[:#]?\s*/i);

interface Network {
  readonly name: string;
  readonly prefix: RegExp;
  readonly lengths: readonly number[];
}

// Issuer prefixes and lengths (ISO/IEC 7812 IIN ranges as the networks publish them).
const NETWORKS: readonly Network[] = [
  { name: 'visa', prefix: /^4/, lengths: [13, 16, 19] },
  { name: 'mastercard', prefix: /^(?:5[1-5]|222[1-9]|22[3-9]\d|2[3-6]\d\d|27[01]\d|2720)/, lengths: [16] },
  { name: 'amex', prefix: /^3[47]/, lengths: [15] },
  { name: 'discover', prefix: /^(?:6011|64[4-9]|65|622(?:12[6-9]|1[3-9]\d|[2-8]\d\d|9[01]\d|92[0-5]))/, lengths: [16, 17, 18, 19] },
  { name: 'diners', prefix: /^(?:30[0-5]|3095|36|3[89])/, lengths: [14, 15, 16, 17, 18, 19] },
  { name: 'jcb', prefix: /^35(?:2[89]|[3-8]\d)/, lengths: [16, 17, 18, 19] },
  { name: 'unionpay', prefix: /^62/, lengths: [16, 17, 18, 19] },
  { name: 'maestro', prefix: /^(?:5018|5020|5038|5893|6304|6759|676[1-3])/, lengths: [12, 13, 14, 15, 16, 17, 18, 19] },
];

export function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = digits.length - 1, double = false; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function cardNetwork(digits: string): string | null {
  for (const n of NETWORKS) if (n.lengths.includes(digits.length) && n.prefix.test(digits)) return n.name;
  return null;
}

// Luhn first: arithmetic, and 9 in 10 digit runs fail it; the network is eight regex tests
export const isCardNumber = (digits: string): boolean => luhn(digits) && cardNetwork(digits) !== null;

/**
 * Card numbers that pass Luhn with a real network prefix and length, grouped or bare. A run of groups
 * longer than a card (a card followed by a year, say) is tried group by group from each start.
 * Runs are digit groups joined by one space or hyphen, not starting right after "." or "," (a price's
 * decimals), built from the text's digit runs (facts.ts).
 */
export function findCards(text: string, facts: TextFacts): PiiSpan[] {
  const out: PiiSpan[] = [];
  const { starts, ends, groups } = facts;
  for (let first = 0; first < groups; ) {
    const before = text.charCodeAt(starts[first] - 1);
    if (before === 46 || before === 44) {
      first++;
      continue;
    }
    let last = first;
    while (last + 1 < groups && starts[last + 1] === ends[last] + 1 && isGroupSeparator(text.charCodeAt(ends[last]))) last++;
    if (ends[last] - starts[first] >= 12) {
      for (let i = first; i <= last; i++) {
        let digits = '';
        for (let j = i; j <= last; j++) {
          digits += text.slice(starts[j], ends[j]);
          if (digits.length > 19) break;
          if (digits.length >= 12 && isCardNumber(digits) && !precededBy(text, starts[i], TRACKING)) {
            out.push({ type: 'credit_card', start: starts[i], end: ends[j], value: digits });
            i = j; // continue after this card
            break;
          }
        }
      }
    }
    first = last + 1;
  }
  return out;
}

const isGroupSeparator = (c: number) => c === 32 || c === 45;
