import type { Customer, Order } from '../../tickets/scenario.ts';

export interface StoreWriteResult {
  /** the store's own id for what it did (a refund id, an order id) */
  id: string;
  /** the amount actually moved, in the order's currency */
  amount: number;
}

/**
 * A merchant's store, as the gates and actions need it. Every write carries an idempotency key:
 * the same key twice moves money once.
 */
export interface StoreAdapter {
  readonly name: string;
  findCustomerByEmail(email: string): Promise<Customer | null>;
  listOrders(customerId: string): Promise<Order[]>;
  getOrder(orderId: string): Promise<Order | null>;
  /** Optional: the customer and their orders in one request, for a store that can (the demo store: one statement). */
  findCustomerWithOrders?(email: string): Promise<{ customer: Customer | null; orders: Order[] }>;
  refund(input: { orderId: string; amount: number; currency: string; reason?: string | null }, idempotencyKey: string): Promise<StoreWriteResult>;
  cancel(input: { orderId: string; reason?: string | null }, idempotencyKey: string): Promise<StoreWriteResult>;
  exchange(input: { orderId: string; lineItemId: string; newSku: string }, idempotencyKey: string): Promise<StoreWriteResult>;
}

/** What executing an action needs of a store: its name and its writes. */
export type StoreWrites = Pick<StoreAdapter, 'name' | 'refund' | 'cancel' | 'exchange'>;
