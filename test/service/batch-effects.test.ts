import { describe, expect, it } from 'vitest';
import { BatchEffects } from '../../src/service/pipeline/batch-effects.ts';
import type { DecisionFacts } from '../../src/service/repo/tickets.ts';
import { customer, order } from '../helpers/fixtures.ts';

const facts = (customerId: string | null, orderIds: string[]) => ({
  customer: customerId ? customer(customerId, `${customerId}@example.com`) : null,
  orders: orderIds.map((id) => order(id, customerId ?? 'someone', 50)),
});
const decision = (orgRecentActions: DecisionFacts['orgRecentActions']): DecisionFacts => ({ history: [], orgRecentActions, riskSignals: [], inFlight: [] });

describe('what earlier tickets of a batch change for later ones', () => {
  it('a ticket of a customer already decided in the batch reads again; another customer does not', () => {
    const effects = new BatchEffects();
    effects.decided('c1');
    effects.decided(null);
    expect(effects.touches(facts('c1', []))).toBe(true);
    expect(effects.touches(facts('c2', []))).toBe(false);
    expect(effects.touches(facts(null, []))).toBe(false);
  });

  it('a ticket whose orders include one the batch moved reads again, whatever the case of the id', () => {
    const effects = new BatchEffects();
    effects.executedAction({ type: 'refund', orderId: 'ab-100' });
    expect(effects.touches(facts('c2', ['AB-100']))).toBe(true);
    expect(effects.touches(facts('c2', ['AB-101']))).toBe(false);
  });

  it('executed actions add to the org counts read at the start, per type; nothing executed leaves them as read', () => {
    const effects = new BatchEffects();
    const read = decision({ refund: 2 });
    expect(effects.counted(read)).toBe(read);
    effects.executedAction({ type: 'refund', orderId: '1' });
    effects.executedAction({ type: 'refund', orderId: '2' });
    effects.executedAction({ type: 'cancel', orderId: '3' });
    expect(effects.counted(read).orgRecentActions).toEqual({ refund: 4, cancel: 1 });
    expect(read.orgRecentActions).toEqual({ refund: 2 }); // the read itself is not changed
  });
});
