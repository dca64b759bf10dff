// The rate limit's "actions of the org in the last hour" is read from per-second counts that a
// trigger keeps (migration 007) plus an exact look at the one second the hour's edge cuts. Whatever
// happens to the actions (inserts, status changes in and out of the counted statuses, an edge that
// falls inside a busy second), that read must equal a plain count of the actions themselves.
import { beforeAll, expect, it } from 'vitest';
import fc from 'fast-check';
import { describeEngines } from '../helpers/service.ts';
import { withOrg } from '../../src/service/db/tenant.ts';
import { createOrg } from '../../src/service/repo/accounts.ts';
import { plans as ticketPlans } from '../../src/service/repo/tickets.ts';

const STATUSES = ['pending', 'executed', 'failed', 'awaiting_approval', 'blocked'] as const;
const TYPES = ['refund', 'cancel', 'exchange'] as const;

describeEngines('per-second action counts', (svc) => {
  let orgId: string;
  beforeAll(async () => {
    orgId = await svc().db.transaction((tx) => createOrg(tx, 'Counts'));
  });

  it('equal a plain count of the last hour, after random inserts and status changes', async () => {
    const now = Date.parse('2026-11-23T12:00:00.000Z');
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({
          // around the hour's edge (3,600,000 ms ago) and inside the hour, to the millisecond
          agoMs: fc.oneof(fc.integer({ min: 3_598_000, max: 3_602_000 }), fc.integer({ min: 0, max: 7_200_000 })),
          type: fc.constantFrom(...TYPES), status: fc.constantFrom(...STATUSES), later: fc.option(fc.constantFrom(...STATUSES), { nil: undefined }),
        }), { minLength: 1, maxLength: 40 }),
        async (actions) => {
          run += 1;
          await withOrg(svc().db, orgId, async (tx) => {
            await tx.executeSql('DELETE FROM actions WHERE org_id = $1', [orgId]);
            for (const [i, a] of actions.entries()) {
              await tx.executeSql(
                `INSERT INTO actions (org_id, ticket_id, idx, type, order_id, customer_id, amount, status, idempotency_key, created_at)
                 VALUES ($1, $2, 0, $3, 'o', 'c', 1, $4, $5, $6)`,
                [orgId, `r${run}-${i}`, a.type, a.status, `k-${run}-${i}`, new Date(now - a.agoMs).toISOString()],
              );
            }
            for (const [i, a] of actions.entries()) {
              if (a.later) await tx.executeSql('UPDATE actions SET status = $3 WHERE org_id = $1 AND ticket_id = $2', [orgId, `r${run}-${i}`, a.later]);
            }
          });
          const plan = ticketPlans.decisionFacts(orgId, null, 'none', 1, new Date(now).toISOString());
          const [read] = (await withOrg(svc().db, orgId, (tx) => tx.executeSql<{ actions: Array<{ type: string; hour_count: number | null }> }>(plan.text, [...plan.values]))).rows;
          const counted: Record<string, number> = {};
          for (const row of read.actions) if (row.hour_count !== null) counted[row.type] = row.hour_count;
          const expected: Record<string, number> = {};
          for (const a of actions) {
            if (a.agoMs < 3_600_000 && ['executed', 'pending'].includes(a.later ?? a.status)) expected[a.type] = (expected[a.type] ?? 0) + 1;
          }
          for (const type of TYPES) expect(counted[type] ?? 0).toBe(expected[type] ?? 0);
        },
      ),
      { numRuns: 25 },
    );
  });
});
