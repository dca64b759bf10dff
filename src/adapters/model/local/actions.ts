// What a careful agent proposes from the store facts: only the order the ticket names, only
// the ticket customer's order, never more than what is left to refund, nothing impossible.
import type { Customer, Order, ProposedAction } from '../../../tickets/scenario.ts';
import type { Intent } from '../../../tickets/settings.ts';
import { extractOrderIds } from '../../../tickets/extract-order-ids.ts';
import { exchangeSku } from './variants.ts';
import { stripQuoted } from './features.ts';

type LineItem = Order['lineItems'][number];
export type RefundReason = 'damaged' | 'wrong_item' | 'not_received' | 'changed_mind' | 'customer_request';

/** The situation the reply explains; one per ticket. */
export type Situation =
  | { kind: 'no_reply' }
  | { kind: 'handover'; intent: 'human_request' | 'general_inquiry' }
  | { kind: 'no_customer' }
  | { kind: 'no_order_ref' }
  | { kind: 'ambiguous_order'; ids: string[] }
  | { kind: 'order_not_found'; id: string }
  | { kind: 'status'; order: Order }
  | { kind: 'refund'; order: Order; amount: number; reason: RefundReason }
  | { kind: 'nothing_to_refund'; order: Order; why: 'refunded' | 'unpaid' }
  | { kind: 'cancel'; order: Order }
  | { kind: 'cannot_cancel'; order: Order; why: 'cancelled' | 'fulfilled' | 'partial' }
  | { kind: 'exchange'; order: Order; item: LineItem; newSku: string; change?: string }
  | { kind: 'exchange_not_shipped'; order: Order }
  | { kind: 'exchange_needs_detail'; order: Order; missing: 'item' | 'variant' };

export interface Plan { actions: ProposedAction[]; situation: Situation }

export interface PlanInput {
  intent: Intent;
  subject: string;
  body: string;
  customer: Customer | null;
  orders: readonly Order[];
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** What is left to refund on an order (never negative, rounded to cents). */
export function remainingRefundable(order: Order): number {
  return Math.max(0, round2(order.totalPrice - order.refundedAmount));
}

const DAMAGED = /\b(?:broken|broke|damaged?|cracked|crack|defective|faulty|shattered|smashed|dented|torn|ripped|leaking|leaked|scratched|stopped working|(?:does ?n[o']?t|won'?t|doesnt) (?:work|turn on|charge))\b/i;
const NOT_DAMAGED = /\b(?:not|n't|wasn'?t|isn'?t|no) (?:damaged|broken|defective)\b/i;
const WRONG_ITEM = /\b(?:wrong (?:item|size|colou?r|product|one|thing)|not what I ordered|sent me (?:the |a )?(?:wrong|different)|incorrect (?:item|size|product))\b/i;
const NOT_RECEIVED = /\b(?:never (?:arrived|came|received|got)|(?:not|n'?t|never) (?:been )?(?:received|arrived|delivered)|has ?n'?t (?:arrived|come|shown up)|did ?n'?t (?:arrive|get|receive|come)|lost in (?:the )?(?:mail|post|transit)|missing|still waiting)\b/i;
const CHANGED_MIND = /\b(?:changed? my mind|no longer (?:need|want)|do ?n'?t (?:need|want) (?:it|them|this)|ordered by mistake|by accident)\b/i;

/** Why the customer wants money back, from their own words; `damaged` feeds the abuse gate. */
export function refundReason(text: string): RefundReason {
  if (DAMAGED.test(text) && !NOT_DAMAGED.test(text)) return 'damaged';
  if (WRONG_ITEM.test(text)) return 'wrong_item';
  if (NOT_RECEIVED.test(text)) return 'not_received';
  if (CHANGED_MIND.test(text)) return 'changed_mind';
  return 'customer_request';
}

const REPLACEMENT = /\b(?:replacement|replace (?:it|them|the)|(?:a|another|new|fresh) (?:one|unit|pair)\b(?! (?:size|colou?r))|send (?:me )?(?:it|one) again)/i;

const STOP = new Set(['the', 'and', 'for', 'with', 'set', 'pack', 'of', 'size', 'colour', 'color']);
const words = (s: string) => s.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 3 && !STOP.has(w));

/** The line item the text names (title or SKU words); the only one when there is one. */
export function namedLineItem(order: Order, text: string): LineItem | null {
  if (order.lineItems.length === 1) return order.lineItems[0];
  const said = new Set(words(text));
  const lowerText = text.toLowerCase();
  const scored = order.lineItems.map((item) => {
    const skuHit = item.sku && lowerText.includes(item.sku.toLowerCase()) ? 10 : 0;
    return { item, score: skuHit + words(item.title ?? '').filter((w) => said.has(w) || said.has(w.replace(/s$/, ''))).length };
  });
  const best = Math.max(0, ...scored.map((s) => s.score));
  const top = scored.filter((s) => s.score === best);
  return best > 0 && top.length === 1 ? top[0].item : null;
}

const sameId = (a: unknown, b: unknown) => String(a).toUpperCase() === String(b).toUpperCase();

/** The order the ticket is about, or why there is none to act on. */
function referencedOrder(input: PlanInput): { order: Order } | { situation: Situation } {
  if (!input.customer) return { situation: { kind: 'no_customer' } };
  const ids = extractOrderIds(input.subject, input.body);
  if (!ids.length) return { situation: { kind: 'no_order_ref' } };
  if (ids.length > 1) return { situation: { kind: 'ambiguous_order', ids } };
  const customerId = input.customer.id;
  // Only the ticket customer's own order: another customer's order is "not found", never revealed.
  const order = input.orders.find((o) => sameId(o.id, ids[0]) && o.customerId != null && sameId(o.customerId, customerId));
  return order ? { order } : { situation: { kind: 'order_not_found', id: ids[0] } };
}

/** The actions a careful agent proposes for a classified ticket, and the situation the reply explains. */
export function planActions(input: PlanInput): Plan {
  const { intent } = input;
  if (intent === 'spam') return { actions: [], situation: { kind: 'no_reply' } };
  if (intent === 'human_request' || intent === 'general_inquiry') return { actions: [], situation: { kind: 'handover', intent } };
  const ref = referencedOrder(input);
  if ('situation' in ref) return { actions: [], situation: ref.situation };
  const { order } = ref;
  // Reason, item and size come from the customer's own words, not from our quoted earlier reply.
  const text = `${input.subject}\n${stripQuoted(input.body)}`;
  switch (intent) {
    case 'refund_request': {
      const amount = remainingRefundable(order);
      if (order.financialStatus === 'pending') return { actions: [], situation: { kind: 'nothing_to_refund', order, why: 'unpaid' } };
      // The store's own "refunded" status wins over amounts that disagree with it.
      if (amount <= 0 || order.financialStatus === 'refunded') return { actions: [], situation: { kind: 'nothing_to_refund', order, why: 'refunded' } };
      const reason = refundReason(text);
      // Money back for an order that has not shipped is a cancellation: a bare refund would let it ship anyway.
      if (order.fulfillmentStatus === 'unfulfilled' && !order.cancelledAt) {
        return { actions: [{ type: 'cancel', orderId: String(order.id), reason }], situation: { kind: 'cancel', order } };
      }
      return {
        actions: [{ type: 'refund', orderId: String(order.id), amount, reason }],
        situation: { kind: 'refund', order, amount, reason },
      };
    }
    case 'cancel_order': {
      if (order.cancelledAt) return { actions: [], situation: { kind: 'cannot_cancel', order, why: 'cancelled' } };
      if (order.fulfillmentStatus === 'fulfilled') return { actions: [], situation: { kind: 'cannot_cancel', order, why: 'fulfilled' } };
      // Part has shipped: cancelling "the order" would refund goods already on their way; a person splits it.
      if (order.fulfillmentStatus === 'partial') return { actions: [], situation: { kind: 'cannot_cancel', order, why: 'partial' } };
      return { actions: [{ type: 'cancel', orderId: String(order.id), reason: 'customer_request' }], situation: { kind: 'cancel', order } };
    }
    case 'exchange_request': {
      if (order.fulfillmentStatus === 'unfulfilled' || order.cancelledAt) return { actions: [], situation: { kind: 'exchange_not_shipped', order } };
      const item = namedLineItem(order, text);
      if (!item) return { actions: [], situation: { kind: 'exchange_needs_detail', order, missing: 'item' } };
      const known = new Set(input.orders.flatMap((o) => o.lineItems.map((li) => li.sku).filter((s): s is string => !!s)));
      let choice = exchangeSku(item.sku, text, known);
      // A replacement of the same item (a damaged one) is an exchange to the same SKU.
      if (!('sku' in choice) && choice.problem !== 'ambiguous_variant' && item.sku && REPLACEMENT.test(text)) choice = { sku: item.sku };
      if (!('sku' in choice)) return { actions: [], situation: { kind: 'exchange_needs_detail', order, missing: 'variant' } };
      return {
        actions: [{ type: 'exchange', orderId: String(order.id), lineItemId: String(item.id), newSku: choice.sku, reason: 'customer_request' }],
        situation: { kind: 'exchange', order, item, newSku: choice.sku, change: choice.change },
      };
    }
    default:
      return { actions: [], situation: { kind: 'status', order } };
  }
}
