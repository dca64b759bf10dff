import { describe, expect, it } from 'vitest';
import { run, proposing, refund } from './fixtures.ts';
import { resolveSettings } from '../../src/tickets/settings.ts';
import { parseScenario } from '../../src/tickets/decide.ts';
import { scenarioWith } from './fixtures.ts';
import { InputError } from '../../src/errors.ts';

const rules = (...escalationRules: unknown[]) => ({ settings: { escalationRules } });
const onOrder1044 = (amount: number) => ({ ticket: { body: 'order #1044 arrived damaged' }, ...proposing([refund('1044', amount)]) });

describe('escalation rules', () => {
  it('applies a rule on the order (the spec example) and names its condition', async () => {
    const d = await run({
      ...onOrder1044(20),
      ...rules({ id: 'big-orders', priority: 10, when: { all: [{ fact: 'order', path: '$.totalPrice', operator: 'greaterThan', value: 400 }] }, then: 'review' }),
    });
    expect(d.outcome).toBe('needs_review');
    expect(d.stoppedAt?.gate).toBe('escalation_rules');
    const entry = d.trace.find((t) => t.gate === 'escalation_rules')!;
    expect(entry.details).toMatchObject({
      rule: 'big-orders',
      then: 'review',
      conditionsHeld: [{ fact: 'order', path: '$.totalPrice', operator: 'greaterThan', value: 400, factValue: 500 }],
    });
    expect(entry.reason).toMatch(/rule "big-orders"/);
  });

  it('passes when no rule holds', async () => {
    const d = await run(rules({ id: 'big', when: { fact: 'order', path: '$.totalPrice', operator: 'greaterThan', value: 400 }, then: 'block' }));
    expect(d.outcome).toBe('executed');
  });

  it('applies the highest priority rule that holds, whatever the listed order', async () => {
    const low = { id: 'low', priority: 1, when: { fact: 'intent', operator: 'equal', value: 'refund_request' }, then: 'block' };
    const high = { id: 'high', priority: 5, when: { fact: 'confidence', operator: 'greaterThanInclusive', value: 0.9 }, then: 'approve' };
    const d = await run(rules(low, high));
    expect(d.outcome).toBe('awaiting_approval');
    expect(d.trace.find((t) => t.gate === 'escalation_rules')?.details?.rule).toBe('high');
    // equal priorities: the first listed applies
    const tie = await run(rules({ ...low, priority: 5 }, high));
    expect(tie.trace.find((t) => t.gate === 'escalation_rules')?.details?.rule).toBe('low');
  });

  it('a higher-priority rule that does not hold gives way to a lower one that does', async () => {
    const never = { id: 'never', priority: 100, when: { fact: 'channel', operator: 'equal', value: 'sms' }, then: 'block' };
    const always = { id: 'email', priority: 1, when: { fact: 'channel', operator: 'equal', value: 'email' }, then: 'review' };
    expect((await run(rules(never, always))).trace.find((t) => t.gate === 'escalation_rules')?.details?.rule).toBe('email');
  });

  it('matches text case-insensitively with the matches operator', async () => {
    const lawyer = { id: 'legal', priority: 1, when: { any: [{ fact: 'body', operator: 'matches', value: 'lawyer|chargeback' }, { fact: 'subject', operator: 'matches', value: 'lawyer' }] }, then: 'review' };
    const d = await run({ ...rules(lawyer), ticket: { body: 'Order #1042 broke. My LAWYER will call you.' } });
    expect(d.outcome).toBe('needs_review');
    expect(d.trace.find((t) => t.gate === 'escalation_rules')?.details?.conditionsHeld).toEqual([
      { fact: 'body', operator: 'matches', value: 'lawyer|chargeback', factValue: 'Order #1042 broke. My LAWYER will call you.' },
    ]);
    expect((await run(rules(lawyer))).outcome).toBe('executed');
  });

  it('tests customer tags with matches and contains', async () => {
    const wholesale = { id: 'wholesale', when: { fact: 'customer', path: '$.tags', operator: 'contains', value: 'wholesale' }, then: 'review' };
    const tagged = { store: { customers: [{ id: 'cus_1', email: 'jane@example.com', tags: ['Wholesale'] }] } };
    expect((await run({ ...rules(wholesale), ...tagged })).outcome).toBe('needs_review');
  });

  it('evaluates per action: action.amount and actionTotal', async () => {
    const perAction = { id: 'over-30', when: { fact: 'action', path: '$.amount', operator: 'greaterThan', value: 30 }, then: 'block' };
    const d = await run({ ticket: { body: 'order #1044' }, ...proposing([refund('1044', 10), refund('1044', 35)]), ...rules(perAction) });
    expect(d.outcome).toBe('blocked');
    expect(d.actions.map((a) => a.status)).toEqual(['not_run', 'blocked']);
    const total = { id: 'total', when: { fact: 'actionTotal', operator: 'greaterThanInclusive', value: 45 }, then: 'review' };
    expect((await run({ ticket: { body: 'order #1044' }, ...proposing([refund('1044', 10), refund('1044', 35)]), ...rules(total) })).outcome).toBe('needs_review');
  });

  it('a blocking rule about the ticket blocks every action', async () => {
    const byIntent = { id: 'no-refunds-by-chat', when: { all: [{ fact: 'intent', operator: 'equal', value: 'refund_request' }, { fact: 'channel', operator: 'equal', value: 'email' }] }, then: 'block' };
    const d = await run({ ticket: { body: 'order #1044' }, ...proposing([refund('1044', 10), refund('1044', 5)]), ...rules(byIntent) });
    expect(d.outcome).toBe('blocked');
    expect(d.actions.map((a) => a.status)).toEqual(['blocked', 'blocked']);
  });

  it('evaluates once without actions, with the order the ticket names', async () => {
    const old = { id: 'status-on-big', when: { all: [{ fact: 'intent', operator: 'equal', value: 'order_status' }, { fact: 'order', path: '$.fulfillmentStatus', operator: 'equal', value: 'unfulfilled' }] }, then: 'review' };
    const d = await run({ ticket: { body: 'where is order 1043?' }, ...proposing([], { intent: 'order_status' }), ...rules(old) });
    expect(d.outcome).toBe('needs_review');
    expect(d.trace.find((t) => t.gate === 'escalation_rules')?.details?.conditionsHeld).toHaveLength(2);
  });

  it('reports a not condition that held', async () => {
    const notEmail = { id: 'not-email', when: { not: { fact: 'channel', operator: 'equal', value: 'chat' } }, then: 'review' };
    const d = await run(rules(notEmail));
    expect(d.trace.find((t) => t.gate === 'escalation_rules')?.details?.conditionsHeld).toEqual([
      { fact: 'channel', operator: 'equal', value: 'chat', factValue: 'email', negated: true },
    ]);
  });

  it('rejects an invalid regular expression with the reason, naming the field', () => {
    const bad = { escalationRules: [{ id: 'x', when: { fact: 'body', operator: 'matches', value: '(unclosed' }, then: 'review' }] };
    expect(() => resolveSettings(bad)).toThrow(InputError);
    try {
      parseScenario(scenarioWith({ settings: bad }));
    } catch (error) {
      expect((error as InputError).issues[0].field).toBe('settings.escalationRules[0].when.value');
      expect((error as InputError).issues[0].message).toMatch(/invalid regular expression|missing/i);
    }
  });

  it('rejects a catastrophic regular expression and an unknown fact', () => {
    expect(() => resolveSettings({ escalationRules: [{ id: 'x', when: { fact: 'body', operator: 'matches', value: '(a|a)*$' }, then: 'review' }] })).toThrow();
    expect(() => resolveSettings({ escalationRules: [{ id: 'x', when: { fact: 'weather', operator: 'equal', value: 1 }, then: 'review' }] })).toThrow(InputError);
  });
});
