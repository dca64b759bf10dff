import type { HistoryEntry, Order } from '../../tickets/scenario.ts';
import type { OrgRecentActions } from '../../tickets/facts.ts';
import { actionEntry, ticketEntry, type DecisionFacts } from '../repo/tickets.ts';
import type { ActionRow } from '../repo/actions.ts';
import type { StoreFacts } from './facts.ts';

const DAY_MS = 86_400_000;

/**
 * What the tickets decided so far in a batch wrote, applied to the facts a later ticket read at the
 * batch's start (under the org's lock, so nothing else of the org's moved meanwhile): the later
 * ticket is decided on exactly what it would read after them, without reading again.
 * - an executed action: its customer's history lists it (the read returns it among the customer's
 *   actions); for any other customer the org's count of its type moves (the gates read it as a count);
 * - a damage claim recorded for a customer: that customer's history lists it;
 * - an order a store write moved: its new state replaces the state read.
 * The same rows the decision facts read (plans.decisionFacts), built into entries by the same
 * actionEntry and ticketEntry; the batch-equivalence proof holds the two together.
 */
export class BatchEffects {
  private readonly history = new Map<string, HistoryEntry[]>();
  private readonly executed: Array<{ type: string; customerId: string | null }> = [];
  private readonly orders = new Map<string, Order>();
  private readonly windowStart: string;

  /** `now` and `windowDays`: the batch's clock and history window (as the read was made with them) */
  constructor(private readonly now: string, windowDays: number) {
    this.windowStart = new Date(Date.parse(now) - Math.ceil(windowDays) * DAY_MS).toISOString();
  }

  private add(customerId: string, entry: HistoryEntry): void {
    const list = this.history.get(customerId);
    if (list) list.push(entry);
    else this.history.set(customerId, [entry]);
  }

  /** a ticket was recorded for this customer, with this intent and reason */
  recorded(ticket: { createdAt: string }, customerId: string | null, intent: string | null, reason: string | null): void {
    // the read counts a customer's damage claims in the window (tickets.reason)
    if (customerId === null || reason?.toLowerCase() !== 'damaged' || !(ticket.createdAt > this.windowStart)) return;
    this.add(customerId, ticketEntry({ customerId, intent, reason, createdAt: ticket.createdAt }, this.now));
  }

  /** an action was executed at the store */
  executedAction(action: ActionRow): void {
    this.executed.push({ type: action.type, customerId: action.customerId });
    if (action.customerId === null) return;
    this.add(action.customerId, actionEntry(action, this.now));
  }

  /** a store write left this order so */
  moved(order: Order): void {
    this.orders.set(String(order.id), order);
  }

  /** the facts read at the batch's start, as they are now */
  apply(store: StoreFacts, facts: DecisionFacts): { store: StoreFacts; decision: DecisionFacts } {
    if (this.executed.length === 0 && this.history.size === 0 && this.orders.size === 0) return { store, decision: facts };
    const customerId = store.customer ? String(store.customer.id) : null;
    const orders = this.orders.size ? store.orders.map((o) => this.orders.get(String(o.id)) ?? o) : store.orders;
    const added = customerId === null ? [] : (this.history.get(customerId) ?? []);
    const orgRecentActions: Partial<Record<string, number>> = { ...facts.orgRecentActions };
    for (const e of this.executed) {
      if (customerId === null || e.customerId !== customerId) orgRecentActions[e.type] = (orgRecentActions[e.type] ?? 0) + 1;
    }
    return {
      store: { ...store, orders },
      decision: { ...facts, history: added.length ? [...facts.history, ...added] : facts.history, orgRecentActions: orgRecentActions as OrgRecentActions },
    };
  }
}
