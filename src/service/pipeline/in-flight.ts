import type { Queryable } from '../db/port.ts';
import { num, run } from '../db/port.ts';
import type { Order } from '../../tickets/scenario.ts';
import { plans as actionPlans } from '../repo/actions.ts';

const cents = (n: number) => Math.round(n * 100);

/**
 * The store was read before the org's lock was taken. Under the lock, add what this org is
 * already moving on the same orders (intents not yet confirmed, executions since the read), so two
 * concurrent refunds cannot both spend the same refundable amount. Counting twice only errs on
 * the side of blocking.
 */
export async function withInFlight(tx: Queryable, orgId: string, orders: Order[], readAt: Date): Promise<Order[]> {
  if (orders.length === 0) return orders;
  const rows = await run<{ order_id: string; type: string; amount: unknown }>(
    tx, actionPlans.inFlight(orgId, orders.map((o) => String(o.id)), readAt.toISOString()),
  );
  return addInFlight(orders, rows.map((r) => ({ orderId: r.order_id, type: r.type, amount: num(r.amount) ?? 0 })), readAt);
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
