import { describe, expect, it } from 'vitest';
import { baseScenario, daysAgo, hoursAgo, order, run, proposing, refund } from './fixtures.ts';

/** Jane's order 1044 is worth 500: room for any refund under test. */
const on1044 = (amount: number, extra: Record<string, unknown> = {}) => ({ ticket: { body: 'refund order #1044 please' }, ...proposing([refund('1044', amount)]), ...extra });
const vip = { store: { customers: [{ id: 'cus_1', email: 'jane@example.com', tags: ['VIP'] }] } };

describe('monetary threshold', () => {
  it.each([
    [50, 'executed'],
    [49.99, 'executed'],
    [50.01, 'awaiting_approval'],
    [200, 'awaiting_approval'],
    [200.01, 'blocked'],
  ])('a refund of %s → %s', async (amount, outcome) => {
    const d = await run(on1044(amount));
    expect(d.outcome).toBe(outcome);
    if (outcome !== 'executed') expect(d.stoppedAt?.gate).toBe('monetary_threshold');
  });

  it('says which ceiling, in the spec wording', async () => {
    expect((await run(on1044(120))).stoppedAt).toEqual({ gate: 'monetary_threshold', reason: 'refund of 120.00 USD is above the auto-approve ceiling of 50.00' });
    expect((await run(on1044(250))).stoppedAt?.reason).toBe('refund of 250.00 USD is above the hard ceiling of 200.00');
    const blocked = await run(on1044(250));
    expect(blocked.actions[0].status).toBe('blocked');
  });

  it.each([
    [75, 'executed'],
    [75.01, 'awaiting_approval'],
    [300, 'awaiting_approval'],
    [300.01, 'blocked'],
  ])('a VIP (tag compared case-insensitively) refund of %s → %s', async (amount, outcome) => {
    expect((await run(on1044(amount, vip))).outcome).toBe(outcome);
  });

  it('uses the org VIP tags and multiplier', async () => {
    const settings = { settings: { vipTags: ['gold'], vipMultiplier: 2 } };
    const gold = { store: { customers: [{ id: 'cus_1', email: 'jane@example.com', tags: ['Gold'] }] } };
    expect((await run(on1044(100, { ...settings, ...gold }))).outcome).toBe('executed');
    expect((await run(on1044(75, { ...settings, ...vip }))).outcome).toBe('awaiting_approval');
  });

  it('sums a refund split into parts (one refund)', async () => {
    const d = await run({ ticket: { body: 'order #1044' }, ...proposing([refund('1044', 30), refund('1044', 30)]), settings: { limits: { customerActions: 10 } } });
    expect(d.outcome).toBe('awaiting_approval');
    expect(d.stoppedAt?.reason).toMatch(/refund of 60\.00 USD/);
    expect(d.actions.map((a) => a.status)).toEqual(['awaiting_approval', 'awaiting_approval']);
  });

  it('prices a cancel at the remaining refundable amount', async () => {
    const d = await run({ ticket: { body: 'cancel order 1043' }, ...proposing([{ type: 'cancel', orderId: '1043' }], { intent: 'cancel_order' }) });
    expect(d.outcome).toBe('blocked'); // 250 > 200
    expect(d.stoppedAt?.reason).toBe('cancellation of 250.00 USD is above the hard ceiling of 200.00');
  });

  it('blocks a disabled action type here, whatever the amount', async () => {
    const d = await run({ settings: { actions: { refund: { enabled: false } } } });
    expect(d.outcome).toBe('blocked');
    expect(d.stoppedAt).toEqual({ gate: 'monetary_threshold', reason: 'refunds are disabled for this org' });
    expect(d.actions[0].status).toBe('blocked');
  });

  it('asks approval for an order older than maxOrderAgeDays, and not at the limit', async () => {
    const aged = (days: number) => ({ store: { orders: [order('1042', { createdAt: daysAgo(days) })] } });
    expect((await run(aged(60))).outcome).toBe('executed');
    const d = await run(aged(61));
    expect(d.outcome).toBe('awaiting_approval');
    expect(d.stoppedAt?.reason).toBe('order 1042 is 61 days old (more than 60)');
  });
});

describe('rate limits', () => {
  const executed = (n: number, at: string, customerId = 'cus_3') =>
    Array.from({ length: n }, (_, i) => ({ kind: 'action', type: 'refund', customerId, orderId: `h${i}`, amount: 1, status: 'executed', at }));
  const history = (...e: unknown[][]) => ({ history: [...baseScenario().history, ...e.flat()] });

  it("counts the ticket's own action against the org's hourly cap", async () => {
    expect((await run(history(executed(99, hoursAgo(0.5))))).outcome).toBe('executed');
    const d = await run(history(executed(100, hoursAgo(0.5))));
    expect(d.outcome).toBe('blocked');
    expect(d.stoppedAt?.gate).toBe('rate_limits');
    expect(d.stoppedAt?.reason).toMatch(/100 actions in the last hour plus 1 would exceed the org's limit of 100/);
  });

  it('forgets actions older than an hour for the org cap', async () => {
    expect((await run(history(executed(100, hoursAgo(1))))).outcome).toBe('executed');
  });

  it("caps the customer's actions in the window, the ticket's own included", async () => {
    expect((await run(history(executed(1, daysAgo(10), 'cus_1')))).outcome).toBe('executed');
    const d = await run(history(executed(2, daysAgo(10), 'cus_1')));
    expect(d.outcome).toBe('blocked');
    expect(d.stoppedAt?.reason).toMatch(/2 actions for this customer in the last 30 days plus 1 would exceed the limit of 2/);
    expect((await run(history(executed(2, daysAgo(30), 'cus_1'))))).toMatchObject({ outcome: 'executed' });
  });

  it('counts each of several proposed actions', async () => {
    const d = await run({ ticket: { body: 'order #1044' }, ...proposing([refund('1044', 10), refund('1044', 10), refund('1044', 10)]) });
    expect(d.outcome).toBe('blocked');
    expect(d.stoppedAt?.gate).toBe('rate_limits');
    expect(d.actions.every((a) => a.status === 'blocked')).toBe(true);
  });
});

describe('first-time approval', () => {
  it('asks approval for the first action of a type the org ever executes', async () => {
    const d = await run({ history: [] });
    expect(d.outcome).toBe('awaiting_approval');
    expect(d.stoppedAt).toEqual({ gate: 'first_time_approval', reason: 'the first refund this org would execute' });
  });

  it('ignores earlier actions that did not execute', async () => {
    const d = await run({ history: [{ kind: 'action', type: 'refund', customerId: 'cus_9', amount: 5, status: 'failed', at: daysAgo(100) }] });
    expect(d.outcome).toBe('awaiting_approval');
  });

  it('can be turned off', async () => {
    expect((await run({ history: [], settings: { firstTimeApproval: false } })).outcome).toBe('executed');
  });
});

describe('an approval from a person', () => {
  it('lets the gates that asked for approval pass, recording who approved', async () => {
    const d = await run({ history: [], ...on1044(120) }, { approval: { by: 'owner@store.example' } });
    expect(d.outcome).toBe('executed');
    const money = d.trace.find((t) => t.gate === 'monetary_threshold');
    expect(money?.verdict).toBe('pass');
    expect(money?.details).toMatchObject({ approvedBy: 'owner@store.example' });
    expect(d.trace.find((t) => t.gate === 'first_time_approval')?.details).toMatchObject({ approvedBy: 'owner@store.example' });
  });

  it('never lifts a block: entity, ceilings and limits are checked again', async () => {
    const approval = { approval: { by: 'owner@store.example' } };
    expect((await run(on1044(250), approval)).outcome).toBe('blocked');
    expect((await run(on1044(600), approval)).stoppedAt?.gate).toBe('entity_validation');
  });
});
