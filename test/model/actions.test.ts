import { describe, expect, it } from 'vitest';
import { planActions, refundReason, remainingRefundable } from '../../src/adapters/model/local/actions.ts';
import type { Intent } from '../../src/tickets/settings.ts';
import { bob, jane, orders, order } from './fixtures.ts';

const plan = (intent: Intent, body: string, customer = jane, subject = '') =>
  planActions({ intent, subject, body, customer, orders });

describe('refunds', () => {
  it('refunds the remaining amount of the damaged order, with reason damaged', () => {
    expect(plan('refund_request', 'My mug from order #1042 arrived broken, refund please').actions)
      .toEqual([{ type: 'refund', orderId: '1042', amount: 34, reason: 'damaged' }]);
  });
  it('never refunds more than what is left on a partly refunded order', () => {
    expect(plan('refund_request', 'Order 1043 arrived cracked. Refund me $500 now.').actions)
      .toEqual([{ type: 'refund', orderId: '1043', amount: 50, reason: 'damaged' }]);
  });
  it('proposes nothing for an order already refunded in full', () => {
    const p = plan('refund_request', 'refund order #1046 please');
    expect(p.actions).toEqual([]);
    expect(p.situation.kind).toBe('nothing_to_refund');
  });
  it('proposes nothing for an order the store marks refunded, whatever its amounts say', () => {
    const marked = [order({ id: '1048', financialStatus: 'refunded', refundedAmount: 0 })];
    expect(planActions({ intent: 'refund_request', subject: '', body: 'refund order 1048', customer: jane, orders: marked }).actions).toEqual([]);
  });
  it.each([
    ['It arrived cracked', 'damaged'],
    ['the lamp is defective', 'damaged'],
    ['you sent me the wrong item', 'wrong_item'],
    ['the parcel never arrived', 'not_received'],
    ['I changed my mind', 'changed_mind'],
    ['please refund me', 'customer_request'],
    ['it was not damaged, it is just the wrong size', 'wrong_item'],
  ])('reason of "%s" is %s', (text, reason) => {
    expect(refundReason(text)).toBe(reason);
  });
  it('remainingRefundable rounds to cents and never goes below zero', () => {
    expect(remainingRefundable(order({ id: 'x', totalPrice: 10.1, refundedAmount: 3.3 }))).toBe(6.8);
    expect(remainingRefundable(order({ id: 'x', totalPrice: 10, refundedAmount: 12 }))).toBe(0);
  });
});

describe('only the referenced order of the ticket customer', () => {
  it('proposes nothing for another customer\'s order, and does not reveal that it exists', () => {
    const p = plan('refund_request', 'Order #2001 arrived broken, refund it');
    expect(p.actions).toEqual([]);
    expect(p.situation).toEqual({ kind: 'order_not_found', id: '2001' });
  });
  it('proposes nothing without an order number and asks for one', () => {
    const p = plan('refund_request', 'My mug arrived broken, I want a refund');
    expect(p.actions).toEqual([]);
    expect(p.situation.kind).toBe('no_order_ref');
  });
  it('proposes nothing when the ticket names two orders', () => {
    const p = plan('refund_request', 'Orders 1042 and 1043 both arrived broken');
    expect(p.actions).toEqual([]);
    expect(p.situation).toEqual({ kind: 'ambiguous_order', ids: ['1042', '1043'] });
  });
  it('proposes nothing for a sender who is not a customer', () => {
    expect(plan('refund_request', 'Order #1042 arrived broken', null as never).actions).toEqual([]);
  });
  it('ignores prices and phone numbers when looking for the order', () => {
    expect(plan('cancel_order', 'Please cancel it, I paid $34.00, call me on 555-123-4567').situation.kind).toBe('no_order_ref');
  });
  it('bob can act on his own order', () => {
    expect(plan('refund_request', 'refund order 2001, it is defective', bob).actions).toEqual([
      { type: 'refund', orderId: '2001', amount: 120, reason: 'damaged' },
    ]);
  });
});

describe('cancel', () => {
  it('cancels an order that has not shipped', () => {
    expect(plan('cancel_order', 'please cancel order 1044').actions).toEqual([{ type: 'cancel', orderId: '1044', reason: 'customer_request' }]);
  });
  it('does not propose cancelling an order of which part has shipped', () => {
    const partial = [...orders, order({ id: '1047', fulfillmentStatus: 'partial' })];
    const p = planActions({ intent: 'cancel_order', subject: '', body: 'cancel order 1047', customer: jane, orders: partial });
    expect(p.actions).toEqual([]);
    expect(p.situation).toMatchObject({ kind: 'cannot_cancel', why: 'partial' });
  });
  it('does not propose cancelling an order that has shipped', () => {
    const p = plan('cancel_order', 'please cancel order 1042');
    expect(p.actions).toEqual([]);
    expect(p.situation).toMatchObject({ kind: 'cannot_cancel', why: 'fulfilled' });
  });
});

describe('exchange', () => {
  it('swaps the size token of the named line item\'s SKU', () => {
    expect(plan('exchange_request', 'The tee from order #1045 is too small, can I get a large?').actions).toEqual([
      { type: 'exchange', orderId: '1045', lineItemId: 'li_a', newSku: 'TEE-BLK-L', reason: 'customer_request' },
    ]);
  });
  it('swaps the colour of the item named by its title', () => {
    expect(plan('exchange_request', 'Could I swap the hoodie on order 1045 for a black one?').actions).toEqual([
      { type: 'exchange', orderId: '1045', lineItemId: 'li_b', newSku: 'HOOD-BLK-L', reason: 'customer_request' },
    ]);
  });
  it('asks which item when the order has several and none is named', () => {
    const p = plan('exchange_request', 'I want to exchange something from order 1045 for a large');
    expect(p.actions).toEqual([]);
    expect(p.situation).toMatchObject({ kind: 'exchange_needs_detail', missing: 'item' });
  });
  it('asks which size when the text names none', () => {
    const p = plan('exchange_request', 'Can I exchange the tee from order 1045?');
    expect(p.actions).toEqual([]);
    expect(p.situation).toMatchObject({ kind: 'exchange_needs_detail', missing: 'variant' });
  });
  it('does not propose an exchange on an order that has not shipped', () => {
    expect(plan('exchange_request', 'exchange order 1044 for a large').actions).toEqual([]);
  });
});

describe('no actions for the other intents', () => {
  it.each(['order_status', 'human_request', 'general_inquiry', 'spam'] as const)('%s', (intent) => {
    expect(plan(intent, 'Order #1042 arrived broken, refund it and cancel #1044').actions).toEqual([]);
  });
});

describe('replacement of a damaged item', () => {
  it('is an exchange to the same SKU', () => {
    expect(plan('exchange_request', 'The mug from order #1042 arrived chipped, please send a replacement').actions).toEqual([
      { type: 'exchange', orderId: '1042', lineItemId: 'li_1', newSku: 'MUG-1', reason: 'customer_request' },
    ]);
  });
});

describe('money back for an order that has not shipped', () => {
  it('is a cancellation, so the order does not ship anyway', () => {
    expect(plan('refund_request', 'I want my money back for order #1044, I no longer need it').actions).toEqual([
      { type: 'cancel', orderId: '1044', reason: 'changed_mind' },
    ]);
  });
});
