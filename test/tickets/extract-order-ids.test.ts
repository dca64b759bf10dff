import { describe, expect, it } from 'vitest';
import { extractOrderIds } from '../../src/tickets/extract-order-ids.ts';

const CASES: [string, string[]][] = [
  ['Hi, my mug from order #1042 arrived broken', ['1042']],
  ['order 1042', ['1042']],
  ['my order number is 1042', ['1042']],
  ['Order No. 1042, please', ['1042']],
  ['Order No.1042', ['1042']],
  ['order nr 1042', ['1042']],
  ['order id: 1042', ['1042']],
  ['Order #A-1042 never came', ['A-1042']],
  ['order #a-1042', ['A-1042']],
  ['order: SO-77812', ['SO-77812']],
  ['#1042', ['1042']],
  ['Where is #1042?', ['1042']],
  ['orders 1042 and 1043 both broke', ['1042', '1043']],
  ['orders #1042, #1043 & 1044', ['1042', '1043', '1044']],
  ['order #1042 again, yes #1042', ['1042']],
  ['#1043 first, then order 1042', ['1043', '1042']],
  // not order ids
  ['I paid $34.00 for it', []],
  ['I paid 1042.50 for it', []],
  ['order 1042.50', []],
  ['delivered on 03/12/2026', []],
  ['ordered on 2026-03-20', []],
  ['order 2026-03-20', []],
  ['call me at 555-123-4567', []],
  ['call me at (555) 123-4567', []],
  ['call me at #555-123-4567', []],
  ['ZIP 90210', []],
  ['tracking number 1Z999AA10123456784', []],
  ['order tracking number 9400111899223100012345', []],
  ['Re: [Ticket #48213] my refund', []],
  ['case #55512 and invoice #99821', []],
  ['I want to order 150 units', []],
  ['order total 1042', []],
  ['order 12', []],
  ['order of $60', []],
  ['apt #402, 12 Main St', []],
  ['SKU MUG-1042', []],
  ['it costs 34 USD, order 1042 was $34', ['1042']],
];

describe('extractOrderIds', () => {
  it.each(CASES)('%s → %j', (body, expected) => {
    expect(extractOrderIds('', body)).toEqual(expected);
  });

  it('reads the subject before the body and keeps each id once', () => {
    expect(extractOrderIds('Order #1042 broken', 'see order 1043 and #1042')).toEqual(['1042', '1043']);
  });

  it('is deterministic on text that is not about orders', () => {
    const text = 'Hello! The weather is nice. 12 34 5678 $99.99 10/10/2020 +1 (212) 555-0100';
    expect(extractOrderIds(text, text)).toEqual([]);
  });
});
