import type { HistoryEntry, ModelAnswer, Order, Scenario } from './scenario.ts';
import { extractOrderIds } from './extract-order-ids.ts';
import { instantMs } from './instant.ts';
import { toCents, type Facts, type PricedAction } from './gates/types.ts';

type ActionEntry = Extract<HistoryEntry, { kind: 'action' }>;

/** Per action type, the org's actions of the last hour counted outside the history (DecideDeps.orgRecentActions). */
export type OrgRecentActions = Readonly<Partial<Record<ActionEntry['type'], number>>>;

/**
 * Store ids are compared as upper-cased strings, like the extractor's ids; a leading `#` (how
 * shops and customers write an order number, "#1042") is not part of the id.
 */
export const orderKey = (id: string): string => id.trim().replace(/^#\s*/, '').toUpperCase();

/**
 * Everything the gates need that does not come from the model, derived once from the scenario.
 * The customer is the store customer whose email equals ticket.from, case-insensitively.
 */
export function deriveFacts(scenario: Scenario, nowMs: number, unlisted: OrgRecentActions = {}): Facts {
  const from = senderAddress(scenario.ticket.from);
  const customer = (from && scenario.store.customers.find((c) => c.email.trim().toLowerCase() === from)) || null;
  const ordersById = new Map<string, Order>();
  for (const order of scenario.store.orders) ordersById.set(orderKey(order.id), order);
  // Each instant is parsed once here; the gates read the parallel `…At` arrays.
  const customerHistory: HistoryEntry[] = [];
  const customerHistoryAt: number[] = [];
  const executedActions: ActionEntry[] = [];
  const executedActionsAt: number[] = [];
  for (const h of scenario.history) {
    const at = instantMs(h.at);
    if (!(at <= nowMs)) continue;
    if (customer && h.customerId === customer.id) {
      customerHistory.push(h);
      customerHistoryAt.push(at);
    }
    if (h.kind === 'action' && h.status === 'executed') {
      executedActions.push(h);
      executedActionsAt.push(at);
    }
  }
  const customerOrders = customer ? scenario.store.orders.filter((o) => o.customerId === customer.id) : [];
  const unlistedTypes = Object.entries(unlisted).filter(([, n]) => (n ?? 0) > 0);
  return Object.freeze({
    nowMs,
    customer,
    customerTags: Object.freeze(customer ? customer.tags.map((t) => t.toLowerCase()) : []),
    customerOrders: Object.freeze(customerOrders),
    customerOrdersCreatedAt: Object.freeze(customerOrders.map((o) => instantMs(o.createdAt))),
    ordersById,
    orderIds: Object.freeze(extractOrderIds(scenario.ticket.subject, scenario.ticket.body)),
    customerHistory: Object.freeze(customerHistory),
    customerHistoryAt: Object.freeze(customerHistoryAt),
    executedActions: Object.freeze(executedActions),
    executedActionsAt: Object.freeze(executedActionsAt),
    orgLastHourUnlisted: unlistedTypes.reduce((sum, [, n]) => sum + (n ?? 0), 0),
    executedTypesUnlisted: Object.freeze(unlistedTypes.map(([type]) => type)),
    riskSignals: Object.freeze(
      customer
        ? scenario.riskSignals.filter((s) => s.customerId === customer.id && (!s.at || instantMs(s.at) <= nowMs))
        : [],
    ),
  });
}

/**
 * The sender's address, lower-cased: `ticket.from` as given, or the address inside the angle
 * brackets of a mail header's display form ("Jane Doe <jane@example.com>").
 */
export function senderAddress(from: string): string {
  const bracketed = /<([^<>\s]+@[^<>\s]+)>\s*$/.exec(from);
  return (bracketed ? bracketed[1] : from).trim().toLowerCase();
}

/**
 * What an order can still give back: its total minus what was already refunded, never below zero.
 * An order the store marks `refunded` gives back nothing, whatever its refundedAmount says.
 */
export function refundableCents(order: Order): number {
  if (order.financialStatus === 'refunded') return 0;
  return Math.max(0, toCents(order.totalPrice) - toCents(order.refundedAmount));
}

/**
 * Prices each proposed action from the store: a refund is worth its amount, a cancel the order's
 * remaining refundable amount, an exchange the exchanged line item's price (tickets.md).
 */
export function priceActions(answer: ModelAnswer, facts: Facts): PricedAction[] {
  const fallbackCurrency = facts.customerOrders[0]?.currency ?? 'USD';
  return answer.actions.map((proposed, index) => {
    const order = facts.ordersById.get(orderKey(proposed.orderId)) ?? null;
    let cents = 0;
    if (proposed.type === 'refund') cents = toCents(proposed.amount);
    else if (proposed.type === 'cancel') cents = order ? refundableCents(order) : 0;
    else {
      const item = order?.lineItems.find((li) => li.id === proposed.lineItemId);
      cents = item ? toCents(item.price) : 0;
    }
    return Object.freeze({
      index,
      proposed,
      type: proposed.type,
      orderId: proposed.orderId,
      order,
      orderCreatedAt: order ? instantMs(order.createdAt) : Number.NaN,
      cents,
      currency: order?.currency ?? fallbackCurrency,
    });
  });
}
