import { expect, it } from 'vitest';
import { api, describeEngines, makeOrg } from '../helpers/service.ts';
import { customer, LIVE, order, refundTicket } from '../helpers/fixtures.ts';
import { demoStore } from '../../src/adapters/store/demo.ts';
import { startWorker } from '../../src/service/worker.ts';

// The worker claims jobs in batches, ahead of running them. A worker that stops must hand the jobs
// it claimed but never started back to the queue at once, not leave them `running` until their
// lease ends (another instance would wait a minute for them).
describeEngines('worker claims', (svc) => {
  it('claims ahead in one batch, and a stopping worker puts the claimed jobs it never started back, attempts not counted', async () => {
    await svc().worker.stop(); // this file's own worker only
    const org = await makeOrg(svc(), { settings: LIVE, customers: [customer('c1', 'jane@example.com')], orders: [order('8000', 'c1', 500)], login: false });
    for (let i = 0; i < 6; i++) {
      expect((await api(svc(), 'POST', '/v1/tickets', { as: org.key, body: refundTicket(`claim-${i}`, 'jane@example.com', '8000', 1) })).status).toBe(202);
    }
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    let started = 0;
    const worker = startWorker({
      ...svc().ctx,
      storeFor: async (orgId) => {
        started += 1;
        await gate;
        return demoStore(svc().db, orgId);
      },
    }, { concurrency: 2, pollMs: 60_000 });
    while (started < 2) await new Promise((r) => setTimeout(r, 10));
    const status = async () => (await svc().db.executeSql<{ status: string; attempts: number; n: number }>(
      `SELECT status, attempts, count(*)::int AS n FROM jobs WHERE org_id = $1 GROUP BY 1, 2 ORDER BY 1, 2`, [org.orgId])).rows;
    // two running and two claimed ahead (one claim of 2 × concurrency); two still queued
    expect(await status()).toEqual([{ status: 'queued', attempts: 0, n: 2 }, { status: 'running', attempts: 1, n: 4 }]);
    expect(started).toBe(2); // the two claimed ahead wait for a free slot
    const stopping = worker.stop();
    open();
    await stopping;
    expect(await status()).toEqual([{ status: 'done', attempts: 1, n: 2 }, { status: 'queued', attempts: 0, n: 4 }]);
  });
});
