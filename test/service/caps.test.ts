// Limits and execution are one atomic step: concurrent tickets, on two service instances sharing
// one PostgreSQL, never overshoot a cap nor spend the same refundable amount twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, drain, ENGINES, makeOrg, startTestService, type TestService } from '../helpers/service.ts';
import { customer, order, refundTicket } from '../helpers/fixtures.ts';
import { openDb } from '../../src/service/db/open.ts';
import { defaultContext } from '../../src/service/pipeline/context.ts';
import { startWorker, type Worker } from '../../src/service/worker.ts';
import type { Db } from '../../src/service/db/port.ts';

const engines = ENGINES.includes('postgres') ? (['postgres'] as const) : (['pglite'] as const);

for (const engine of engines) {
  describe(`caps under concurrency [${engine}]`, () => {
    let svc: TestService & { close(): Promise<void> };
    let second: { db: Db; worker: Worker } | undefined;
    beforeAll(async () => {
      svc = await startTestService(engine, { workers: 8 });
      if (engine === 'postgres') {
        // a second instance: its own pool and worker on the same schema
        const db = await openDb({ databaseUrl: process.env.DATABASE_URL, schema: svc.schema });
        const worker = startWorker(defaultContext(db), { concurrency: 8, pollMs: 20 });
        second = { db, worker };
      }
    });
    afterAll(async () => {
      await second?.worker.stop();
      await second?.db.close();
      await svc?.close();
    });

    const customers = Array.from({ length: 40 }, (_, i) => customer(`c${i}`, `c${i}@example.com`));
    const orders = customers.map((c, i) => order(`9${String(i).padStart(3, '0')}`, c.id, 40));

    for (let round = 1; round <= 3; round++) {
      it(`org cap of 5 per hour: exactly 5 of 40 concurrent refunds execute (round ${round})`, async () => {
        const org = await makeOrg(svc, { settings: { mode: 'live', firstTimeApproval: false, limits: { orgActionsPerHour: 5, customerActions: 5, customerWindowDays: 30 } }, customers, orders, login: false });
        const posts = customers.map((c, i) => api(svc, 'POST', '/v1/tickets', { as: org.key, body: refundTicket(`cap-${i}`, c.email, orders[i].id, 10) }));
        expect((await Promise.all(posts)).every((r) => r.status === 202)).toBe(true);
        await drain(svc);
        const rows = await svc.db.executeSql<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM actions WHERE org_id = $1 GROUP BY status', [org.orgId]);
        const by = Object.fromEntries(rows.rows.map((r) => [r.status, r.n]));
        expect(by.executed).toBe(5);
        expect(by.blocked).toBe(35);
        const mutations = await svc.db.executeSql<{ n: number }>('SELECT count(*)::int AS n FROM store_mutations WHERE org_id = $1', [org.orgId]);
        expect(mutations.rows[0].n).toBe(5);
      });
    }

    it('the refundable amount of one order is never exceeded by concurrent refunds', async () => {
      const one = [customer('solo', 'solo@example.com')];
      const org = await makeOrg(svc, { settings: { mode: 'live', firstTimeApproval: false, limits: { orgActionsPerHour: 100, customerActions: 100, customerWindowDays: 30 }, abuse: { windowDays: 90, maxRefunds: 100, maxDamageClaims: 100, maxRefundRatio: 100 } }, customers: one, orders: [order('8000', 'solo', 100)], login: false });
      const posts = Array.from({ length: 12 }, (_, i) => api(svc, 'POST', '/v1/tickets', { as: org.key, body: refundTicket(`ref-${i}`, 'solo@example.com', '8000', 30) }));
      await Promise.all(posts);
      await drain(svc);
      const executed = await svc.db.executeSql<{ n: number; total: string }>(`SELECT count(*)::int AS n, coalesce(sum(amount), 0) AS total FROM actions WHERE org_id = $1 AND status = 'executed'`, [org.orgId]);
      expect(executed.rows[0].n).toBe(3);
      const refunded = await svc.db.executeSql<{ refunded_amount: string }>(`SELECT refunded_amount FROM orders WHERE org_id = $1 AND id = '8000'`, [org.orgId]);
      expect(Number(refunded.rows[0].refunded_amount)).toBe(90);
      const failed = await svc.db.executeSql<{ n: number }>(`SELECT count(*)::int AS n FROM actions WHERE org_id = $1 AND status = 'failed'`, [org.orgId]);
      expect(failed.rows[0].n).toBe(0); // refused by the gates under the lock, not by the store afterwards
    });
  });
}
