// Builds the scenario decide() takes from what the service holds: the org's settings, its store,
// its history and risk signals. The store is read outside any transaction (it may be remote).
import type { Queryable } from '../db/port.ts';
import type { StoreAdapter } from '../../adapters/store/types.ts';
import type { Customer, ModelAnswer, Order, Scenario, Ticket } from '../../tickets/scenario.ts';
import type { Settings } from '../../tickets/settings.ts';
import { extractOrderIds } from '../../tickets/extract-order-ids.ts';
import { decisionFactsOf, loadDecisionFacts, type DecisionFacts, type FactRow } from '../repo/tickets.ts';
import { batchFactsPlan } from '../repo/batch-facts.ts';
import { run } from '../db/port.ts';
import { toCustomer, toOrder } from '../../adapters/store/demo.ts';
import { senderAddress, type OrgRecentActions } from '../../tickets/facts.ts';
import { addInFlight, inFlightOf } from './in-flight.ts';

export interface StoreFacts {
  customer: Customer | null;
  orders: Order[];
}

/**
 * The ticket's customer (by e-mail), their orders, and any order the ticket names that is not
 * theirs. `foundBefore`: the customer as found before (null: none), so only the orders are read again.
 */
export async function loadStoreFacts(
  store: Pick<StoreAdapter, 'findCustomerByEmail' | 'listOrders' | 'getOrder' | 'findCustomerWithOrders'>, ticket: Ticket, foundBefore?: Customer | null,
): Promise<StoreFacts> {
  const email = senderAddress(ticket.from); // "Jane Doe <jane@example.com>" is jane@example.com, as in the core
  let customer: Customer | null;
  let orders: Order[];
  if (foundBefore === undefined && email && store.findCustomerWithOrders) {
    ({ customer, orders } = await store.findCustomerWithOrders(email));
  } else {
    customer = foundBefore !== undefined ? foundBefore : email ? await store.findCustomerByEmail(email) : null;
    orders = customer ? await store.listOrders(String(customer.id)) : [];
  }
  const known = new Set(orders.map((o) => String(o.id).toUpperCase()));
  // The entity gate must tell "not this customer's order" from "no such order": fetch what the text names.
  for (const id of namedOrderIds(ticket)) {
    if (known.has(id.toUpperCase())) continue;
    const order = await store.getOrder(id);
    if (order) {
      orders.push(order);
      known.add(String(order.id).toUpperCase());
    }
  }
  return { customer, orders };
}

/** The order ids a ticket's text names that are looked up (at most five). */
const namedOrderIds = (ticket: Ticket): string[] => extractOrderIds(ticket.subject, ticket.body).slice(0, 5);

/** How far back the abuse and limit gates look. */
export function historyWindowDays(settings: Settings): number {
  return Math.max(settings.abuse.windowDays, settings.limits.customerWindowDays, 1);
}

/** What decide() takes: the scenario, and the org's recent actions counted beside its history (DecideDeps.orgRecentActions). */
export interface ServiceScenario {
  scenario: Scenario;
  orgRecentActions: OrgRecentActions;
}

/**
 * `storeReadAt`: when the store facts were read, if they were read under the org's lock: the orders
 * then also count what the org is moving on them (intents not yet confirmed, executions since).
 */
export async function buildScenario(
  q: Queryable,
  orgId: string,
  input: { ticket: Ticket; model?: ModelAnswer | null },
  facts: StoreFacts,
  settings: Settings,
  now: Date,
  storeReadAt?: Date,
): Promise<ServiceScenario> {
  const customerId = facts.customer ? String(facts.customer.id) : null;
  const decisionFacts = await loadDecisionFacts(
    q, orgId, input.ticket.id, customerId, historyWindowDays(settings), now.toISOString(), storeReadAt && inFlightOf(facts.orders, storeReadAt));
  return scenarioOf(input, facts, decisionFacts, now, storeReadAt);
}

/** The scenario from facts already read (buildScenario, or a batch's one read). */
export function scenarioOf(
  input: { ticket: Ticket; model?: ModelAnswer | null }, facts: StoreFacts, decisionFacts: DecisionFacts, now: Date, storeReadAt?: Date,
): ServiceScenario {
  const { history, orgRecentActions, riskSignals, inFlight } = decisionFacts;
  const orders = storeReadAt ? addInFlight(facts.orders, inFlight, storeReadAt) : facts.orders;
  const scenario: Scenario = {
    id: input.ticket.id,
    now: now.toISOString(),
    settings: {},
    store: { customers: facts.customer ? [facts.customer] : [], orders },
    history,
    riskSignals,
    ticket: input.ticket,
    model: input.model ?? null,
  };
  return { scenario, orgRecentActions };
}

/** The facts one ticket of a batch is decided on. */
export interface TicketFacts {
  store: StoreFacts;
  decision: DecisionFacts;
}

/**
 * The store facts and decision facts of several tickets, for a store in the database, in one
 * statement (batchFactsPlan): for each ticket exactly what loadStoreFacts and loadDecisionFacts
 * (with the in-flight actions since `readAt`) read for it alone.
 */
export async function loadBatchFacts(q: Queryable, orgId: string, tickets: readonly Ticket[], windowDays: number, now: Date, readAt: Date): Promise<TicketFacts[]> {
  const nowIso = now.toISOString();
  const requests = tickets.map((t) => ({ id: t.id, email: senderAddress(t.from) || null, named: namedOrderIds(t) }));
  const rows = await run<FactRow & { customer: Record<string, unknown> | null; orders: Array<Record<string, unknown>>; named: Array<Record<string, unknown>> }>(
    q, batchFactsPlan(orgId, requests, windowDays, nowIso, readAt.toISOString()));
  return Promise.all(rows.map(async (row, i) => {
    const customer = row.customer && toCustomer(row.customer);
    const orders = row.orders.map(toOrder);
    const named = new Map(row.named.map((o) => [String(o.id), toOrder(o)]));
    // the same assembly as for a ticket read alone, over what the statement returned (a fresh
    // array: loadStoreFacts appends the named orders to it)
    const store = await loadStoreFacts({
      findCustomerWithOrders: async () => ({ customer, orders }),
      getOrder: async (id) => named.get(id) ?? null,
      findCustomerByEmail: async () => customer,
      listOrders: async () => orders,
    }, tickets[i]);
    return { store, decision: decisionFactsOf(row, customer ? String(customer.id) : null, nowIso) };
  }));
}
