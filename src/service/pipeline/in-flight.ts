import type { Order } from '../../tickets/scenario.ts';

const cents = (n: number) => Math.round(n * 100);

/**
 * The store was read before the org's lock was taken (or, under it, before the history). Under the
 * lock, what this org is already moving on the same orders (intents not yet confirmed, executions
 * since the read) is read with the decision facts and added, so two concurrent refunds cannot both
 * spend the same refundable amount. Counting twice only errs on the side of blocking.
 * This is that read's request: none when there are no orders.
 */
export function inFlightOf(orders: readonly Order[], readAt: Date): { orderIds: string[]; since: string } | undefined {
  return orders.length ? { orderIds: orders.map((o) => String(o.id)), since: readAt.toISOString() } : undefined;
}

/** The orders as they will be once these actions are executed at the store. */
export function addInFlight(orders: Order[], actions: ReadonlyArray<{ orderId: string; type: string; amount: number }>, readAt: Date): Order[] {
  if (actions.length === 0) return orders;
  return orders.map((order) => {
    const mine = actions.filter((a) => a.orderId === String(order.id));
    if (mine.length === 0) return order;
    let refunded = cents(order.refundedAmount);
    let cancelledAt = order.cancelledAt ?? null;
    for (const a of mine) {
      if (a.type === 'refund') refunded += cents(a.amount);
      if (a.type === 'cancel') {
        refunded = cents(order.totalPrice);
        cancelledAt ??= readAt.toISOString();
      }
    }
    return { ...order, refundedAmount: Math.min(refunded, cents(order.totalPrice)) / 100, cancelledAt };
  });
}
