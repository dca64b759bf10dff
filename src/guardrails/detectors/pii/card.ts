import { allMatches } from '../../match/each.ts';
import { precededBy, type PiiSpan } from './span.ts';

// Runs of digit groups separated by one space or hyphen: "4111 1111 1111 1111", "378282246310005".
const DIGIT_RUN = /(?<![\d.,])\d+(?:[ -]\d+)*/g;
const TRACKING = /(?:tracking|track|shipment|parcel|waybill|awb)\s*(?:no\.?|number|#|id)?\s*[:#]?\s*$/i;

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
  for (const n of NETWORKS) if (n.prefix.test(digits) && n.lengths.includes(digits.length)) return n.name;
  return null;
}

export const isCardNumber = (digits: string): boolean => cardNetwork(digits) !== null && luhn(digits);

/**
 * Card numbers that pass Luhn with a real network prefix and length, grouped or bare. A run of groups
 * longer than a card (a card followed by a year, say) is tried group by group from each start.
 */
export function findCards(text: string): PiiSpan[] {
  const out: PiiSpan[] = [];
  for (const m of allMatches(DIGIT_RUN, text)) {
    const run = m[0];
    if (run.length < 12) continue;
    const groups: { start: number; end: number }[] = [];
    for (const g of allMatches(/\d+/g, run)) groups.push({ start: m.index + g.index, end: m.index + g.index + g[0].length });
    for (let i = 0; i < groups.length; i++) {
      let digits = '';
      for (let j = i; j < groups.length; j++) {
        digits += text.slice(groups[j].start, groups[j].end);
        if (digits.length > 19) break;
        if (digits.length >= 12 && isCardNumber(digits) && !precededBy(text, groups[i].start, TRACKING)) {
          out.push({ type: 'credit_card', start: groups[i].start, end: groups[j].end, value: digits });
          i = j; // continue after this card
          break;
        }
      }
    }
  }
  return out;
}
