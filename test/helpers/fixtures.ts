import type { Customer, ModelAnswer, Order } from '../../src/tickets/scenario.ts';

const DAY = 86_400_000;
export const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString();

export function customer(id: string, email: string, tags: string[] = []): Customer {
  return { id, email, name: id, tags, createdAt: daysAgo(300) };
}

export function order(id: string, customerId: string, total: number, extra: Partial<Order> = {}): Order {
  return {
    id, customerId, createdAt: daysAgo(5), currency: 'USD', totalPrice: total, refundedAmount: 0, financialStatus: 'paid',
    fulfillmentStatus: 'fulfilled', cancelledAt: null, lineItems: [{ id: `li_${id}`, sku: 'SKU', title: 'Item', quantity: 1, price: total }], ...extra,
  };
}

/** A ticket asking for a refund on `orderId`, with the proposal of the merchant's AI. */
export function refundTicket(id: string, from: string, orderId: string, amount: number, extra: Partial<ModelAnswer> = {}) {
  return {
    ticket: { id, channel: 'email', from, subject: `Refund for order #${orderId}`, body: `Hi, my item from order #${orderId} arrived damaged, please refund.` },
    model: { intent: 'refund_request', confidence: 0.95, actions: [{ type: 'refund', orderId, amount, reason: 'damaged' }], reply: 'Hi, we have refunded your order. Thanks for your patience.', ...extra },
  };
}

/** Live settings with the first-time approval off, so a small refund executes at once. */
export const LIVE = { mode: 'live', firstTimeApproval: false } as const;
