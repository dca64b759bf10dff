import { describe, expect, it } from 'vitest';
import { baseScenario, daysAgo, run, proposing } from './fixtures.ts';

const refundsAgo = (n: number, days: number, amount = 5) =>
  Array.from({ length: n }, (_, i) => ({ kind: 'action', type: 'refund', customerId: 'cus_1', orderId: `r${i}`, amount, status: 'executed', at: daysAgo(days) }));
const claimsAgo = (n: number, days: number) =>
  Array.from({ length: n }, () => ({ kind: 'ticket', customerId: 'cus_1', intent: 'refund_request', reason: 'damaged', at: daysAgo(days) }));
const withHistory = (...entries: unknown[][]) => ({ history: [...baseScenario().history, ...entries.flat()] });

describe('abuse detection', () => {
  it('passes at maxRefunds executed refunds and reviews one more', async () => {
    // limits.customerActions is raised so the rate limit does not answer first
    const settings = { settings: { limits: { customerActions: 100 } } };
    expect((await run({ ...settings, ...withHistory(refundsAgo(3, 40)) })).outcome).toBe('executed');
    const d = await run({ ...settings, ...withHistory(refundsAgo(4, 40)) });
    expect(d.outcome).toBe('needs_review');
    expect(d.stoppedAt).toEqual({ gate: 'abuse_detection', reason: '4 refunds in the last 90 days (more than 3)' });
  });

  it('counts only executed refunds of this customer inside the window', async () => {
    const settings = { settings: { limits: { customerActions: 100 } } };
    const outside = refundsAgo(4, 90); // exactly windowDays ago: outside
    const failed = refundsAgo(4, 10).map((r) => ({ ...r, status: 'failed' }));
    const someoneElse = refundsAgo(4, 10).map((r) => ({ ...r, customerId: 'cus_2' }));
    const future = refundsAgo(4, -1);
    expect((await run({ ...settings, ...withHistory(outside, failed, someoneElse, future) })).outcome).toBe('executed');
    expect((await run({ ...settings, ...withHistory(refundsAgo(4, 89.99)) })).outcome).toBe('needs_review');
  });

  it('reviews more than maxDamageClaims earlier damage claims', async () => {
    expect((await run(withHistory(claimsAgo(2, 30)))).outcome).toBe('executed');
    const d = await run(withHistory(claimsAgo(3, 30)));
    expect(d.stoppedAt?.gate).toBe('abuse_detection');
    expect(d.stoppedAt?.reason).toMatch(/3 damage claims/);
  });

  it('reviews a refund ratio above maxRefundRatio, and passes at it', async () => {
    // orders in the window: 34 + 250 + 500 = 784; half is 392
    const settings = { settings: { limits: { customerActions: 100 } } };
    expect((await run({ ...settings, ...withHistory(refundsAgo(1, 20, 392)) })).outcome).toBe('executed');
    const d = await run({ ...settings, ...withHistory(refundsAgo(1, 20, 392.01)) });
    expect(d.stoppedAt?.gate).toBe('abuse_detection');
    expect(d.stoppedAt?.reason).toMatch(/exceed the ratio of 0.5/);
  });

  it('is skipped when no action is proposed', async () => {
    const d = await run({ ...withHistory(refundsAgo(9, 5)), model: { intent: 'order_status', actions: [] } });
    expect(d.trace.find((t) => t.gate === 'abuse_detection')?.verdict).toBe('skip');
    expect(d.outcome).toBe('executed');
  });
});

describe('risk signals', () => {
  const signal = (level: string, extra: Record<string, unknown> = {}) => ({ riskSignals: [{ customerId: 'cus_1', source: 'chargeback', level, at: daysAgo(3), ...extra }] });

  it.each(['high', 'critical'])('a %s signal sends the ticket to a person', async (level) => {
    const d = await run(signal(level));
    expect(d.outcome).toBe('needs_review');
    expect(d.stoppedAt?.reason).toBe(`a ${level} risk signal (chargeback) for this customer`);
  });

  it.each(['low', 'medium'])('a %s signal passes with the default levels', async (level) => {
    expect((await run(signal(level))).outcome).toBe('executed');
  });

  it("follows the org's review levels and ignores other customers' signals", async () => {
    expect((await run({ ...signal('medium'), settings: { risk: { reviewLevels: ['medium'] } } })).outcome).toBe('needs_review');
    expect((await run(signal('critical', { customerId: 'cus_2' }))).outcome).toBe('executed');
  });

  it('applies even without actions', async () => {
    const d = await run({ ...signal('high'), ...proposing([], { intent: 'order_status' }) });
    expect(d.stoppedAt?.gate).toBe('risk_signals');
  });
});
