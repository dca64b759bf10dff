// Store facts shared by the model tests.
import type { Customer, Order } from '../../src/tickets/scenario.ts';
import type { ModelInput } from '../../src/adapters/model/types.ts';

export const jane: Customer = { id: 'cus_1', email: 'jane@example.com', name: 'Jane Doe', tags: [], createdAt: null };
export const bob: Customer = { id: 'cus_2', email: 'bob@example.com', name: 'Bob Stone', tags: [], createdAt: null };

export function order(overrides: Partial<Order> & { id: string }): Order {
  return {
    customerId: 'cus_1', createdAt: '2026-03-20T10:00:00Z', currency: 'USD', totalPrice: 34, refundedAmount: 0,
    financialStatus: 'paid', fulfillmentStatus: 'fulfilled', cancelledAt: null,
    lineItems: [{ id: 'li_1', sku: 'MUG-1', title: 'Mug', quantity: 1, price: 34 }],
    ...overrides,
  };
}

export const orders: Order[] = [
  order({ id: '1042' }),
  order({ id: '1043', totalPrice: 80, refundedAmount: 30, financialStatus: 'partially_refunded' }),
  order({ id: '1044', fulfillmentStatus: 'unfulfilled' }),
  order({ id: '1045', totalPrice: 60, lineItems: [
    { id: 'li_a', sku: 'TEE-BLK-M', title: 'Organic Cotton Tee', quantity: 1, price: 25 },
    { id: 'li_b', sku: 'HOOD-GRY-L', title: 'Zip Hoodie', quantity: 1, price: 35 },
  ] }),
  order({ id: '1046', totalPrice: 20, refundedAmount: 20, financialStatus: 'refunded' }),
  order({ id: '2001', customerId: 'cus_2', totalPrice: 120 }),
];

export function input(body: string, subject = '', customer: Customer | null = jane): ModelInput {
  return { ticket: { id: 't_1', channel: 'email', from: customer?.email ?? 'stranger@example.com', subject, body, receivedAt: null }, customer, orders, now: '2026-03-30T12:00:00Z' };
}
