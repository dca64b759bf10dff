import { describe, expect, it } from 'vitest';
import { BatchEffects } from '../../src/service/pipeline/batch-effects.ts';
import type { DecisionFacts } from '../../src/service/repo/tickets.ts';
import type { ActionRow } from '../../src/service/repo/actions.ts';
import { customer, order } from '../helpers/fixtures.ts';

const NOW = '2026-11-23T12:00:00.000Z';
const facts = (customerId: string | null, orders = [order('100', customerId ?? 'x', 50)]) => ({
  customer: customerId ? customer(customerId, `${customerId}@example.com`) : null,
  orders,
});
const read = (orgRecentActions: DecisionFacts['orgRecentActions'] = {}): DecisionFacts => ({ history: [], orgRecentActions, riskSignals: [], inFlight: [] });
const action = (customerId: string | null, extra: Partial<ActionRow> = {}) =>
  ({ type: 'refund', orderId: '100', customerId, amount: 20, reason: 'damaged', createdAt: '2026-11-23T11:59:59.000Z', ...extra }) as ActionRow;

describe('what earlier tickets of a batch wrote, applied to a later ticket\'s facts', () => {
  it('nothing written: the facts as read', () => {
    const effects = new BatchEffects(NOW, 30);
    const store = facts('c1');
    const decision = read({ refund: 2 });
    expect(effects.apply(store, decision)).toEqual({ store, decision });
  });

  it('an executed action is in its customer\'s history, and a count for everyone else', () => {
    const effects = new BatchEffects(NOW, 30);
    effects.executedAction(action('c1'));
    effects.executedAction(action('c2', { type: 'cancel' }));
    const mine = effects.apply(facts('c1'), read({ refund: 2 })).decision;
    expect(mine.history).toEqual([{ kind: 'action', type: 'refund', customerId: 'c1', orderId: '100', amount: 20, reason: 'damaged', status: 'executed', at: '2026-11-23T11:59:59.000Z' }]);
    expect(mine.orgRecentActions).toEqual({ refund: 2, cancel: 1 });
    const theirs = effects.apply(facts('c3'), read({ refund: 2 })).decision;
    expect(theirs.history).toEqual([]);
    expect(theirs.orgRecentActions).toEqual({ refund: 3, cancel: 1 });
    // no known customer: everything is a count
    expect(effects.apply(facts(null), read()).decision.orgRecentActions).toEqual({ refund: 1, cancel: 1 });
  });

  it('a damage claim counts for its customer inside the window only; a row after the batch\'s clock counts as of it', () => {
    const effects = new BatchEffects(NOW, 30);
    effects.recorded({ createdAt: '2026-11-23T12:00:05.000Z' }, 'c1', 'refund_request', 'Damaged');
    effects.recorded({ createdAt: '2026-10-01T00:00:00.000Z' }, 'c1', 'refund_request', 'damaged'); // outside 30 days
    effects.recorded({ createdAt: '2026-11-23T11:00:00.000Z' }, 'c1', 'refund_request', 'changed mind');
    effects.recorded({ createdAt: '2026-11-23T11:00:00.000Z' }, null, 'refund_request', 'damaged');
    expect(effects.apply(facts('c1'), read()).decision.history).toEqual([{ kind: 'ticket', customerId: 'c1', intent: 'refund_request', reason: 'Damaged', at: NOW }]);
    expect(effects.apply(facts('c2'), read()).decision.history).toEqual([]);
  });

  it('an order a write moved replaces the state read, for whoever reads it', () => {
    const effects = new BatchEffects(NOW, 30);
    effects.moved({ ...order('100', 'c1', 50), refundedAmount: 20, financialStatus: 'partially_refunded' });
    const after = effects.apply(facts('c1', [order('100', 'c1', 50), order('101', 'c1', 70)]), read()).store.orders;
    expect(after.map((o) => [o.id, o.refundedAmount, o.financialStatus])).toEqual([['100', 20, 'partially_refunded'], ['101', 0, 'paid']]);
  });
});
