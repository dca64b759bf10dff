import { describe, expect, it } from 'vitest';
import { run, proposing, refund } from './fixtures.ts';
import { resolveSettings } from '../../src/tickets/settings.ts';
import { InputError } from '../../src/errors.ts';

// Deviations from tickets.md found by an audit against the spec, one test each.

const rules = (...escalationRules: unknown[]) => ({ settings: { escalationRules } });
const customers = (tags: string[]) => ({
  store: {
    customers: [
      { id: 'cus_1', email: 'jane@example.com', name: 'Jane Doe', tags },
      { id: 'cus_2', email: 'bob@example.com', name: 'Bob Roe', tags: [] },
    ],
  },
});

describe('customer tags compare case-insensitively in escalation rules (tickets.md)', () => {
  it.each([
    ['vip', 'VIP'],
    ['VIP', 'vip'],
    ['Wholesale', 'Wholesale'],
  ])('a customer tagged %j matches a rule that contains %j', async (tag, ruleValue) => {
    const d = await run({
      ...customers([tag]),
      ...rules({ id: 'tagged', priority: 1, when: { all: [{ fact: 'customer', path: '$.tags', operator: 'contains', value: ruleValue }] }, then: 'review' }),
    });
    expect(d.outcome).toBe('needs_review');
    expect(d.stoppedAt?.gate).toBe('escalation_rules');
  });

  it('doesNotContain and in ignore case too', async () => {
    const notTagged = await run({
      ...customers(['VIP']),
      ...rules({ id: 'not-vip', priority: 1, when: { fact: 'customer', path: '$.tags', operator: 'doesNotContain', value: 'vip' }, then: 'review' }),
    });
    expect(notTagged.outcome).toBe('executed');
    const firstTag = await run({
      ...customers(['Gold']),
      ...rules({ id: 'gold', priority: 1, when: { fact: 'customer', path: '$.tags[0]', operator: 'in', value: ['GOLD', 'Platinum'] }, then: 'review' }),
    });
    expect(firstTag.outcome).toBe('needs_review');
  });

  it('the trace still shows the value the merchant wrote', async () => {
    const d = await run({
      ...customers(['vip']),
      ...rules({ id: 'tagged', priority: 1, when: { fact: 'customer', path: '$.tags', operator: 'contains', value: 'VIP' }, then: 'review' }),
    });
    const entry = d.trace.find((t) => t.gate === 'escalation_rules')!;
    expect(entry.details?.conditionsHeld).toEqual([expect.objectContaining({ value: 'VIP' })]);
  });
});

describe("a rule condition whose value is another fact (json-rules-engine's format)", () => {
  it('sees that fact even when no condition tests it directly', async () => {
    // actionTotal 34 > confidence 0.94: the rule holds
    const d = await run(rules({ id: 'cmp', priority: 1, when: { all: [{ fact: 'actionTotal', operator: 'greaterThan', value: { fact: 'confidence' } }] }, then: 'review' }));
    expect(d.outcome).toBe('needs_review');
    expect(d.stoppedAt?.gate).toBe('escalation_rules');
  });
});

describe('the ticket customer', () => {
  it('is found when ticket.from carries a display name ("Jane Doe <jane@example.com>")', async () => {
    const d = await run({ ticket: { from: 'Jane Doe <JANE@example.com>' } });
    expect(d.outcome).toBe('executed');
  });

  it('an unknown address still has no customer', async () => {
    const d = await run({ ticket: { from: 'Jane Doe <someone@else.example>' } });
    expect(d.outcome).toBe('blocked');
    expect(d.stoppedAt?.reason).toMatch(/not the ticket customer's/);
  });
});

describe('short-circuit reasons say which intent stopped the run', () => {
  it.each([
    ['spam', /spam/],
    ['human_request', /human_request/],
    ['general_inquiry', /general_inquiry/],
  ])('%s', async (intent, reason) => {
    const d = await run({ model: { intent, actions: [] } });
    expect(d.stoppedAt?.reason).toMatch(reason);
  });
});

describe('invalid settings name the field', () => {
  it('an unknown key is named by its own path, not only its parent', () => {
    try {
      resolveSettings({ actions: { refund: { autoAproveMax: 10 } } });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).issues.map((i) => i.field)).toEqual(['actions.refund.autoAproveMax']);
    }
  });

  it('a scenario line names it under settings', async () => {
    await expect(run({ settings: { mode: 'live', modee: 'live' }, ...proposing([refund('1042', 34)]) })).rejects.toThrow(/settings\.modee/);
  });
});

describe('order ids written with a leading # (as Shopify names orders)', () => {
  it('a model action on "#1042" is the order the ticket names', async () => {
    const d = await run(proposing([refund('#1042', 34)]));
    expect(d.outcome).toBe('executed');
    expect(d.actions[0]).toMatchObject({ orderId: '#1042', status: 'executed', amount: 34 });
  });

  it('a store order whose id is "#1042" is found from "order #1042"', async () => {
    const d = await run({
      store: { orders: [{ id: '#1042', customerId: 'cus_1', createdAt: '2026-03-20T10:00:00Z', totalPrice: 34, fulfillmentStatus: 'fulfilled' }] },
      ...proposing([refund('#1042', 34)]),
    });
    expect(d.outcome).toBe('executed');
  });

  it('another order is still a mismatch', async () => {
    const d = await run(proposing([refund('#2001', 10)]));
    expect(d.outcome).toBe('blocked');
    expect(d.stoppedAt?.reason).toMatch(/mismatch/);
  });
});
