// The rate limit counts the org's actions of the last hour on every decision. Cost per ticket must
// stay flat however busy that hour was: this test does not time anything, it asks the database's
// own plan how many rows the decision facts read examines after an hour of sustained traffic (three
// refunds a second), and checks the count is exact.
import { beforeAll, expect, it } from 'vitest';
import { describeEngines } from '../helpers/service.ts';
import { rowsExamined } from '../helpers/explain.ts';
import { withOrg } from '../../src/service/db/tenant.ts';
import { createOrg } from '../../src/service/repo/accounts.ts';
import { plans as ticketPlans } from '../../src/service/repo/tickets.ts';
import { batchFactsPlan } from '../../src/service/repo/batch-facts.ts';
import type { SqlPlan } from '../../src/service/db/port.ts';

const HOUR_SECONDS = 3600;

describeEngines('hour count cost', (svc) => {
  let busyOrgId: string;
  let quietOrgId: string;
  beforeAll(async () => {
    busyOrgId = await svc().db.transaction((tx) => createOrg(tx, 'Busy hour'));
    quietOrgId = await svc().db.transaction((tx) => createOrg(tx, 'Quiet hour'));
    // three refunds a second for the last hour, from customers other than the one deciding
    await withOrg(svc().db, busyOrgId, (tx) =>
      tx.executeSql(
        `INSERT INTO actions (org_id, ticket_id, idx, type, order_id, customer_id, amount, status, idempotency_key, created_at)
         SELECT $1, 'busy-' || i || '-' || j, 0, 'refund', 'o' || i, 'busy' || (i % 50), 1, 'executed', 'k-' || i || '-' || j,
                now() - i * interval '1 second' + j * interval '1 millisecond'
           FROM generate_series(1, $2::int) AS i, generate_series(1, 3) AS j`,
        [busyOrgId, HOUR_SECONDS],
      ),
    );
    await svc().db.executeScript('ANALYZE actions; ANALYZE action_counts; ANALYZE action_counts_minute');
  });

  const examined = (org: string, plan: SqlPlan) => rowsExamined(svc().db, org, plan);
  const hourCount = async (org: string, now: string) => {
    const plan = ticketPlans.decisionFacts(org, 'c1', 't-new', 90, now);
    const rows = await withOrg(svc().db, org, (tx) => tx.executeSql<{ actions: Array<{ hour_count: number | null }> }>(plan.text, [...plan.values]));
    return rows.rows[0].actions.reduce((sum, a) => sum + (a.hour_count ?? 0), 0);
  };

  it('after an hour of sustained traffic, a decision reads a bounded number of rows, not one per second of the hour', async () => {
    const now = new Date().toISOString();
    // at most an hour of minutes, a minute of seconds and the actions of one second, plus the first action of each type
    expect(await examined(busyOrgId, ticketPlans.decisionFacts(busyOrgId, 'c1', 't-new', 90, now))).toBeLessThanOrEqual(200);
    expect(await examined(busyOrgId, batchFactsPlan(busyOrgId, [{ id: 't-new', email: 'c1@example.com', named: [] }], 90, now, now))).toBeLessThanOrEqual(200);
    // another org's busy hour is not read at all
    expect(await examined(quietOrgId, ticketPlans.decisionFacts(quietOrgId, 'c1', 't-new', 90, now))).toBeLessThanOrEqual(10);
  });

  it('and counts every action of the hour exactly, at any instant within the second', async () => {
    for (const offsetMs of [0, 250, 999, 30_000]) {
      const now = new Date(Date.now() + offsetMs).toISOString();
      const plain = await withOrg(svc().db, busyOrgId, (tx) => tx.executeSql<{ n: number }>(
        `SELECT count(*)::int AS n FROM actions WHERE org_id = $1 AND status IN ('executed', 'pending') AND created_at > $2::timestamptz - interval '1 hour'`, [busyOrgId, now]));
      expect(await hourCount(busyOrgId, now)).toBe(plain.rows[0].n);
      expect(plain.rows[0].n).toBeGreaterThan(3 * (HOUR_SECONDS - 90));
    }
  });
});
