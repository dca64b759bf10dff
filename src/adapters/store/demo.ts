// The built-in demo store: customers and orders in the service's own database, for the embedded
// default and for tests. Same interface as a real store: every write carries an idempotency key.
import type { Db, Queryable, Tx } from '../../service/db/port.ts';
import { combine, iso, json, num, one, run, sql, type SqlPlan } from '../../service/db/port.ts';
import { withOrg } from '../../service/db/tenant.ts';
import type { Customer, Order } from '../../tickets/scenario.ts';
import type { StoreAdapter, StoreWriteResult, StoreWrites } from './types.ts';

/** A write the store refuses (more than the refundable amount, an order already cancelled…). */
export class StoreRefusal extends Error {
  override readonly name = 'StoreRefusal';
  readonly code = 'store_refused';
}

const plans = {
  customerByEmail: (orgId: string, email: string) =>
    sql('SELECT * FROM customers WHERE org_id = $1 AND email_key = lower($2) ORDER BY id LIMIT 1', orgId, email),
  customerWithOrders: (orgId: string, email: string) =>
    sql(`WITH c AS (SELECT * FROM customers WHERE org_id = $1 AND email_key = lower($2) ORDER BY id LIMIT 1)
         SELECT (SELECT row_to_json(c) FROM c) AS customer,
                coalesce((SELECT json_agg(o) FROM (SELECT orders.* FROM orders JOIN c ON orders.customer_id = c.id
                                                    WHERE orders.org_id = $1 ORDER BY orders.created_at DESC LIMIT 250) o), '[]') AS orders`,
      orgId, email),
  orders: (orgId: string, customerId: string) =>
    sql('SELECT * FROM orders WHERE org_id = $1 AND customer_id = $2 ORDER BY created_at DESC LIMIT 250', orgId, customerId),
  order: (orgId: string, id: string) => sql('SELECT * FROM orders WHERE org_id = $1 AND id = $2', orgId, id),
  mutation: (orgId: string, key: string) => sql('SELECT result FROM store_mutations WHERE org_id = $1 AND idempotency_key = $2', orgId, key),
  /**
   * The order, locked, with the result recorded under the key if any (`seen`). The key is read with
   * the statement's snapshot, taken before a wait for the lock: were the same key written by the
   * transaction it waited for, this write would then fail on the key's primary key and roll back,
   * and a retry replays the recorded result. Never twice.
   */
  lockedOrder: (orgId: string, id: string, key: string) =>
    sql(`SELECT o.*, (SELECT result FROM store_mutations WHERE org_id = $1 AND idempotency_key = $3) AS seen
           FROM orders o WHERE o.org_id = $1 AND o.id = $2 FOR UPDATE OF o`, orgId, id, key),
  insertMutation: (orgId: string, key: string, kind: string, orderId: string, amount: number, result: unknown) =>
    sql('INSERT INTO store_mutations (org_id, idempotency_key, kind, order_id, amount, result) VALUES ($1, $2, $3, $4, $5, $6::jsonb)',
      orgId, key, kind, orderId, amount, json(result)),
  /** what a write moves on an order: its state after the write */
  moveOrder: (orgId: string, o: Order) =>
    sql('UPDATE orders SET refunded_amount = $3, financial_status = $4, cancelled_at = $5::timestamptz WHERE org_id = $1 AND id = $2',
      orgId, o.id, o.refundedAmount, o.financialStatus, o.cancelledAt ?? null),
  upsertCustomer: (orgId: string, c: Customer) =>
    sql(`INSERT INTO customers (org_id, id, email, name, tags, created_at) VALUES ($1, $2, $3, $4, $5::jsonb, $6)
         ON CONFLICT (org_id, id) DO UPDATE SET email = excluded.email, name = excluded.name, tags = excluded.tags`,
      orgId, c.id, c.email, c.name ?? null, json(c.tags ?? []), c.createdAt ?? null),
  upsertOrder: (orgId: string, o: Order) =>
    sql(`INSERT INTO orders (org_id, id, customer_id, created_at, currency, total_price, refunded_amount, financial_status, fulfillment_status, cancelled_at, line_items)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb)
         ON CONFLICT (org_id, id) DO UPDATE SET customer_id = excluded.customer_id, total_price = excluded.total_price,
           refunded_amount = excluded.refunded_amount, financial_status = excluded.financial_status,
           fulfillment_status = excluded.fulfillment_status, cancelled_at = excluded.cancelled_at, line_items = excluded.line_items`,
      orgId, o.id, o.customerId ?? null, o.createdAt, o.currency, o.totalPrice, o.refundedAmount, o.financialStatus,
      o.fulfillmentStatus, o.cancelledAt ?? null, json(o.lineItems)),
  countMutations: (orgId: string) => sql('SELECT count(*)::int AS n FROM store_mutations WHERE org_id = $1', orgId),
};

export function toCustomer(r: Record<string, unknown>): Customer {
  return { id: String(r.id), email: String(r.email), name: (r.name as string) ?? null, tags: (r.tags as string[]) ?? [], createdAt: iso(r.created_at) };
}

export function toOrder(r: Record<string, unknown>): Order {
  return {
    id: String(r.id), customerId: (r.customer_id as string) ?? null, createdAt: iso(r.created_at)!, currency: String(r.currency),
    totalPrice: num(r.total_price)!, refundedAmount: num(r.refunded_amount)!,
    financialStatus: r.financial_status as Order['financialStatus'], fulfillmentStatus: r.fulfillment_status as Order['fulfillmentStatus'],
    cancelledAt: iso(r.cancelled_at), lineItems: (r.line_items as Order['lineItems']) ?? [],
  };
}

const cents = (n: number) => Math.round(n * 100);

/**
 * The demo store can work inside the caller's transaction: reads (one round of queries per ticket,
 * not three) and writes (a batch executes its intents before it commits, atomically with them).
 */
export interface InDatabase {
  readsIn(tx: Queryable): StoreReads;
  writesIn(tx: Queryable, hooks?: WriteHooks): StoreWrites;
}

/** What the caller of a write in its transaction can ask for. Neither is called when nothing is written (a refusal, or a key already seen). */
export interface WriteHooks {
  /**
   * Statements to run in the same statement as the write (the outcome of the action that asked for
   * it): given the result and the name its first statement takes as a CTE.
   */
  alongside?: (result: StoreWriteResult, firstName: string) => SqlPlan[];
  /** the order as the write leaves it (a refund or a cancel; an exchange moves no order) */
  moved?: (order: Order) => void;
}

type StoreReads = Pick<StoreAdapter, 'findCustomerByEmail' | 'listOrders' | 'getOrder' | 'findCustomerWithOrders'>;
type InOrg = <T>(fn: (tx: Queryable) => Promise<T>) => Promise<T>;

function reads(orgId: string, inOrg: InOrg): StoreReads {
  return {
    findCustomerWithOrders: (email) => inOrg(async (tx) => {
      const row = (await one<{ customer: Record<string, unknown> | null; orders: Record<string, unknown>[] }>(tx, plans.customerWithOrders(orgId, email)))!;
      return { customer: row.customer && toCustomer(row.customer), orders: row.orders.map(toOrder) };
    }),
    findCustomerByEmail: (email) => inOrg(async (tx) => {
      const row = await one<Record<string, unknown>>(tx, plans.customerByEmail(orgId, email));
      return row && toCustomer(row);
    }),
    listOrders: (customerId) => inOrg(async (tx) => (await run<Record<string, unknown>>(tx, plans.orders(orgId, customerId))).map(toOrder)),
    getOrder: (orderId) => inOrg(async (tx) => {
      const row = await one<Record<string, unknown>>(tx, plans.order(orgId, orderId));
      return row && toOrder(row);
    }),
  };
}

function writes(orgId: string, inOrg: InOrg, hooks: WriteHooks = {}): StoreWrites {
  /**
   * Replays the recorded result when the key was seen; otherwise runs `write` once, atomically, on
   * the order it locked first: two calls with the same key serialise on that lock, and the second
   * sees the first's record.
   */
  const idempotent = (key: string, orderId: string, write: (order: Order) => StoreWriteResult & { kind: string; orderId: string; next?: Order }) =>
    inOrg(async (tx) => {
      const row = await one<Record<string, unknown> & { seen: StoreWriteResult | null }>(tx, plans.lockedOrder(orgId, orderId, key));
      const seen = row ? row.seen : (await one<{ result: StoreWriteResult }>(tx, plans.mutation(orgId, key)))?.result;
      if (seen) return seen;
      if (!row) throw new StoreRefusal(`order ${orderId} not found`);
      const done = write(toOrder(row));
      const result = { id: done.id, amount: done.amount };
      // the order's change, the record of the key and what the caller adds: one statement
      const statements = [...(done.next ? [plans.moveOrder(orgId, done.next)] : []), plans.insertMutation(orgId, key, done.kind, done.orderId, done.amount, result)];
      statements.push(...(hooks.alongside?.(result, `s${statements.length}`) ?? []));
      await run(tx, combine(statements.slice(0, -1), statements.at(-1)!));
      if (done.next) hooks.moved?.(done.next);
      return result;
    });

  return {
    name: 'demo',
    refund: (input, key) => idempotent(key, input.orderId, (order) => {
      // the store enforces its own refundable amount at execution time, whatever was decided before
      const refundable = cents(order.totalPrice) - cents(order.refundedAmount);
      if (order.cancelledAt) throw new StoreRefusal(`order ${order.id} is cancelled`);
      if (cents(input.amount) > refundable) throw new StoreRefusal(`refund of ${input.amount.toFixed(2)} exceeds the refundable ${(refundable / 100).toFixed(2)}`);
      const refunded = (cents(order.refundedAmount) + cents(input.amount)) / 100;
      const next: Order = { ...order, refundedAmount: refunded, financialStatus: refunded >= order.totalPrice ? 'refunded' : 'partially_refunded' };
      return { kind: 'refund', orderId: order.id, id: `demo_refund_${key.slice(-12)}`, amount: input.amount, next };
    }),
    cancel: (input, key) => idempotent(key, input.orderId, (order) => {
      if (order.cancelledAt) throw new StoreRefusal(`order ${order.id} is already cancelled`);
      if (order.fulfillmentStatus === 'fulfilled') throw new StoreRefusal(`order ${order.id} is fulfilled`);
      const next: Order = { ...order, cancelledAt: new Date().toISOString(), refundedAmount: order.totalPrice, financialStatus: 'refunded' };
      return { kind: 'cancel', orderId: order.id, id: order.id, amount: (cents(order.totalPrice) - cents(order.refundedAmount)) / 100, next };
    }),
    exchange: (input, key) => idempotent(key, input.orderId, (order) => {
      const item = order.lineItems.find((li) => String(li.id) === String(input.lineItemId));
      if (!item) throw new StoreRefusal(`line item ${input.lineItemId} not in order ${order.id}`);
      if (order.fulfillmentStatus === 'unfulfilled') throw new StoreRefusal(`order ${order.id} is not fulfilled yet`);
      return { kind: 'exchange', orderId: order.id, id: `demo_exchange_${key.slice(-12)}`, amount: item.price };
    }),
  };
}

/** Whether a store lives in the service's database and can work in the caller's transaction (the demo store can). */
export function isInDatabase(store: StoreAdapter): store is StoreAdapter & InDatabase {
  return typeof (store as Partial<InDatabase>).readsIn === 'function';
}

/** The demo store of one organisation, on the service's database (row-level security applies). */
export function demoStore(db: Db, orgId: string): StoreAdapter & InDatabase {
  const inOrg = <T>(fn: (tx: Tx) => Promise<T>) => withOrg(db, orgId, fn);
  // A write in its own transaction shares the service's write-ahead log, so it need not wait for the
  // disk either: were it lost in a crash, the intent's later records (written after it in the log)
  // are lost with it, the intent is still pending, and reconciling writes it once, afresh.
  const lazily: InOrg = (fn) => inOrg((tx) => {
    tx.lazyCommit();
    return fn(tx);
  });
  return {
    ...reads(orgId, inOrg),
    ...writes(orgId, lazily),
    readsIn: (tx) => reads(orgId, (fn) => fn(tx)),
    writesIn: (tx, hooks) => writes(orgId, (fn) => fn(tx), hooks),
  };
}

/** Loads customers and orders into an org's demo store (insert or update by id). */
export async function loadDemoStore(q: Queryable, orgId: string, data: { customers?: Customer[]; orders?: Order[] }): Promise<void> {
  for (const c of data.customers ?? []) await run(q, plans.upsertCustomer(orgId, c));
  for (const o of data.orders ?? []) await run(q, plans.upsertOrder(orgId, o));
}

/** How many writes the demo store received (tests assert "one refund, never two"). */
export async function countStoreMutations(q: Queryable, orgId: string): Promise<number> {
  return (await one<{ n: number }>(q, plans.countMutations(orgId)))!.n;
}
