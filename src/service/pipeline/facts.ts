// Builds the scenario decide() takes from what the service holds: the org's settings, its store,
// its history and risk signals. The store is read outside any transaction (it may be remote).
import type { Queryable } from '../db/port.ts';
import type { StoreAdapter } from '../../adapters/store/types.ts';
import type { Customer, ModelAnswer, Order, Scenario, Ticket } from '../../tickets/scenario.ts';
import type { Settings } from '../../tickets/settings.ts';
import { extractOrderIds } from '../../tickets/extract-order-ids.ts';
import { loadDecisionFacts } from '../repo/tickets.ts';
import type { OrgRecentActions } from '../../tickets/facts.ts';
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
  const email = ticket.from.trim();
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
  for (const id of extractOrderIds(ticket.subject, ticket.body).slice(0, 5)) {
    if (known.has(id.toUpperCase())) continue;
    const order = await store.getOrder(id);
    if (order) {
      orders.push(order);
      known.add(String(order.id).toUpperCase());
    }
  }
  return { customer, orders };
}

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
  const { history, orgRecentActions, riskSignals, inFlight } = await loadDecisionFacts(
    q, orgId, input.ticket.id, customerId, historyWindowDays(settings), now.toISOString(), storeReadAt && inFlightOf(facts.orders, storeReadAt));
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
