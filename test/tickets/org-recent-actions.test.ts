// The service counts the org's last-hour actions in its database instead of loading each one, and
// hands decide() the counts (DecideDeps.orgRecentActions). They must weigh exactly as listed history does.
import { describe, expect, it } from 'vitest';
import { baseScenario, hoursAgo, run } from './fixtures.ts';

const executed = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ kind: 'action', type: 'refund', customerId: 'cus_other', orderId: `h${i}`, amount: 1, status: 'executed', at: hoursAgo(0.5) }));

describe('org actions of the last hour given as counts', () => {
  it('count against the hourly cap like the same actions listed in the history', async () => {
    const listed = await run({ history: [...baseScenario().history, ...executed(100)] });
    const counted = await run({}, { orgRecentActions: { refund: 60, cancel: 40 } });
    expect(listed.outcome).toBe('blocked');
    expect(counted.stoppedAt).toEqual(listed.stoppedAt);
    expect(counted.trace.find((t) => t.gate === 'rate_limits')?.details).toEqual(listed.trace.find((t) => t.gate === 'rate_limits')?.details);
  });

  it('add to the listed ones, and one under the cap still executes', async () => {
    expect((await run({ history: [...baseScenario().history, ...executed(50)] }, { orgRecentActions: { refund: 49 } })).outcome).toBe('executed');
    expect((await run({ history: [...baseScenario().history, ...executed(50)] }, { orgRecentActions: { refund: 50 } })).outcome).toBe('blocked');
  });

  it('tell first-time approval that their types have run before', async () => {
    expect((await run({ history: [] })).stoppedAt?.gate).toBe('first_time_approval');
    expect((await run({ history: [] }, { orgRecentActions: { refund: 1 } })).outcome).toBe('executed');
    expect((await run({ history: [] }, { orgRecentActions: { cancel: 3, refund: 0 } })).stoppedAt?.gate).toBe('first_time_approval');
  });

  it('never name a customer: the customer cap and abuse detection do not see them', async () => {
    const d = await run({ settings: { limits: { customerActions: 1 } } }, { orgRecentActions: { refund: 5 } });
    expect(d.outcome).toBe('executed');
    expect(d.trace.find((t) => t.gate === 'rate_limits')?.details).toMatchObject({ orgLastHour: 5, customerRecent: 0 });
  });
});
