import type { OrgRecentActions } from '../../tickets/facts.ts';
import type { DecisionFacts } from '../repo/tickets.ts';
import type { StoreFacts } from './facts.ts';

/**
 * What the tickets decided so far in a batch changed for the ones after them. A batch reads every
 * ticket's facts at its start, under the org's lock; a later ticket's facts are still exact unless an
 * earlier one wrote something they contain:
 * - the same customer: their history, damage claims and caps; an order it refunded or cancelled: the
 *   store. Such a ticket reads its facts again (`touches`).
 * - an executed action of another customer moves only the org's hour count and the types the org has
 *   executed, which the gates read as counts: added to the counts read (`counted`), exactly what a
 *   read after it would return.
 */
export class BatchEffects {
  private readonly customers = new Set<string>();
  private readonly orders = new Set<string>();
  private readonly executed: Partial<Record<string, number>> = {};

  /** a ticket was recorded for this customer (null: none known) */
  decided(customerId: string | null): void {
    if (customerId !== null) this.customers.add(customerId);
  }

  /** an action was executed at the store */
  executedAction(action: { type: string; orderId: string }): void {
    this.orders.add(action.orderId.toUpperCase());
    this.executed[action.type] = (this.executed[action.type] ?? 0) + 1;
  }

  /** whether facts read before the earlier tickets were decided can have changed */
  touches(facts: StoreFacts): boolean {
    if (facts.customer && this.customers.has(String(facts.customer.id))) return true;
    return facts.orders.some((o) => this.orders.has(String(o.id).toUpperCase()));
  }

  /** facts read at the batch's start, with the org's counts moved by what the batch executed since */
  counted(facts: DecisionFacts): DecisionFacts {
    const entries = Object.entries(this.executed);
    if (entries.length === 0) return facts;
    const orgRecentActions: Partial<Record<string, number>> = { ...facts.orgRecentActions };
    for (const [type, n] of entries) orgRecentActions[type] = (orgRecentActions[type] ?? 0) + (n ?? 0);
    return { ...facts, orgRecentActions: orgRecentActions as OrgRecentActions };
  }
}
