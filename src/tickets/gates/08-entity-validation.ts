import { orderKey, refundableCents } from '../facts.ts';
import { money, pass, skip, type Gate, type GateContext, type PricedAction } from './types.ts';

/**
 * The model's actions against the order ids the ticket itself names and the store's facts.
 * Ticket-level problems (no id, several ids) hold the ticket for a person; an action that names
 * another order, someone else's order, or something the order cannot do is blocked.
 */
export const entityValidation: Gate = {
  id: 'entity_validation',
  run(ctx) {
    if (ctx.actions.length === 0) return skip('no actions proposed');
    const ids = ctx.facts.orderIds;
    if (ids.length === 0) return { verdict: 'review', reason: 'the ticket names no order number (held)' };
    if (ids.length > 1) return { verdict: 'review', reason: `the ticket names ${ids.length} orders (${ids.join(', ')}): ambiguous`, details: { orderIds: ids } };
    const problems = ctx.actions
      .map((action) => ({ action, problem: problemWith(action, ctx) }))
      .filter((p): p is { action: PricedAction; problem: string } => p.problem !== null);
    const overRefunds = overRefundedOrders(ctx).filter((p) => !problems.some((q) => q.action.orderId === p.action.orderId));
    const all = [...problems, ...overRefunds];
    if (all.length === 0) return pass({ orderId: ids[0] });
    return {
      verdict: 'block',
      reason: all.map((p) => p.problem).join('; '),
      refused: [...new Set(all.flatMap((p) => refusedIndexes(ctx, p)))],
    };
  },
};

function refusedIndexes(ctx: GateContext, p: { action: PricedAction; all?: boolean }): number[] {
  if (!p.all) return [p.action.index];
  return ctx.actions.filter((a) => orderKey(a.orderId) === orderKey(p.action.orderId)).map((a) => a.index);
}

function problemWith(action: PricedAction, ctx: GateContext): string | null {
  const what = `the ${action.type} of order ${action.orderId}`;
  if (orderKey(action.orderId) !== ctx.facts.orderIds[0]) return `${what}: the ticket names order ${ctx.facts.orderIds[0]} (mismatch)`;
  const order = action.order;
  if (!order) return `${what}: the store has no such order`;
  if (!ctx.facts.customer || order.customerId !== ctx.facts.customer.id) return `${what}: the order is not the ticket customer's`;
  const p = action.proposed;
  if (p.type === 'refund') {
    if (order.financialStatus === 'pending') return `${what}: the order is not paid yet`;
    if (action.cents > refundableCents(order)) return `${what}: ${money(action.cents)} ${action.currency} is above the remaining refundable ${money(refundableCents(order))}`;
  } else if (p.type === 'cancel') {
    if (order.cancelledAt) return `${what}: the order is already cancelled`;
    if (order.fulfillmentStatus !== 'unfulfilled') return `${what}: the order is ${order.fulfillmentStatus === 'fulfilled' ? 'fulfilled' : 'partly fulfilled'}`;
  } else {
    if (order.cancelledAt) return `${what}: the order is cancelled`;
    if (order.fulfillmentStatus === 'unfulfilled') return `${what}: the order is not fulfilled yet`;
    if (!order.lineItems.some((li) => li.id === p.lineItemId)) return `${what}: the order has no line item ${p.lineItemId}`;
  }
  return null;
}

/**
 * Money leaving one order across the ticket's actions (split refunds, a refund next to a cancel)
 * must stay within what the order can still give back.
 */
function overRefundedOrders(ctx: GateContext): { action: PricedAction; problem: string; all: true }[] {
  const byOrder = new Map<string, PricedAction[]>();
  for (const a of ctx.actions) {
    if (a.type === 'exchange' || !a.order) continue;
    const key = orderKey(a.orderId);
    byOrder.set(key, [...(byOrder.get(key) ?? []), a]);
  }
  const out: { action: PricedAction; problem: string; all: true }[] = [];
  for (const actions of byOrder.values()) {
    if (actions.length < 2) continue;
    const order = actions[0].order!;
    const total = actions.reduce((sum, a) => sum + a.cents, 0);
    if (total > refundableCents(order)) {
      out.push({
        action: actions[0],
        all: true,
        problem: `${actions.length} actions on order ${order.id} add up to ${money(total)} ${actions[0].currency}, above the remaining refundable ${money(refundableCents(order))}`,
      });
    }
  }
  return out;
}
