import { expect, it } from 'vitest';
import { api, describeEngines, makeOrg } from '../helpers/service.ts';
import { customer, LIVE, order, refundTicket } from '../helpers/fixtures.ts';
import { countStoreMutations, demoStore } from '../../src/adapters/store/demo.ts';
import { startWorker } from '../../src/service/worker.ts';
import { processTickets } from '../../src/service/pipeline/process-ticket.ts';

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
    }, { concurrency: 2, pollMs: 60_000, batch: 1 });
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

// One org's ticket jobs claimed together are decided in one transaction, in order: a later ticket's
// caps count what an earlier one of the same batch recorded. A ticket that cannot be decided rolls
// the batch back, and the jobs then run one by one, so its failure stays with its own job.
describeEngines('worker batches', (svc) => {
  it('decides a batch in one transaction, caps exact within it; a bad ticket fails alone', async () => {
    await svc().worker.stop(); // this file's own worker only
    const customers = [0, 1, 2, 3, 4, 5].map((i) => customer(`b${i}`, `b${i}@example.com`));
    const orders = customers.map((c, i) => order(String(9000 + i), String(c.id), 100));
    const org = await makeOrg(svc(), {
      settings: { ...LIVE, limits: { orgActionsPerHour: 3, customerActions: 10, customerWindowDays: 30 } }, customers, orders, login: false,
    });
    for (let i = 0; i < 6; i++) {
      expect((await api(svc(), 'POST', '/v1/tickets', { as: org.key, body: refundTicket(`batch-${i}`, `b${i}@example.com`, String(9000 + i), 5) })).status).toBe(202);
    }
    const run = async () => {
      const worker = startWorker(svc().ctx, { concurrency: 1, pollMs: 60_000, batch: 8 });
      await worker.idle();
      await worker.stop();
    };
    await run();
    const tickets = await svc().db.executeSql<{ id: string; decided_at: Date; status: string }>(
      `SELECT id, decided_at, status FROM tickets WHERE org_id = $1 ORDER BY id`, [org.orgId]);
    expect(tickets.rows.map((t) => t.status)).toEqual(Array(6).fill('decided'));
    // one transaction: now() is its start, the same for every ticket of the batch
    expect(new Set(tickets.rows.map((t) => t.decided_at.getTime())).size).toBe(1);
    const executed = async () => (await svc().db.executeSql<{ n: number }>(
      `SELECT count(*)::int AS n FROM actions WHERE org_id = $1 AND status = 'executed'`, [org.orgId])).rows[0].n;
    expect(await executed()).toBe(3); // the org's cap of 3 an hour, counted across the batch

    // a ticket stored with a body the schema refuses (as a corrupted row would be), queued among good ones
    await svc().db.executeSql(`UPDATE settings SET value = jsonb_set(value, '{limits,orgActionsPerHour}', '100') WHERE org_id = $1`, [org.orgId]);
    for (let i = 0; i < 2; i++) {
      expect((await api(svc(), 'POST', '/v1/tickets', { as: org.key, body: refundTicket(`again-${i}`, `b${i}@example.com`, String(9000 + i), 5) })).status).toBe(202);
    }
    await svc().db.executeSql(
      `WITH t AS (INSERT INTO tickets (org_id, id, payload, payload_hash) VALUES ($1, 'broken', '{"ticket": {"id": "broken"}}', 'h') RETURNING org_id, id)
       INSERT INTO jobs (org_id, kind, payload) SELECT org_id, 'ticket', jsonb_build_object('ticketId', id) FROM t`, [org.orgId]);
    await run();
    expect(await executed()).toBe(5);
    expect(await countStoreMutations(svc().db, org.orgId)).toBe(5); // one store write per executed refund
    const jobs = await svc().db.executeSql<{ ticket: string; status: string; last_error: string | null }>(
      `SELECT payload->>'ticketId' AS ticket, status, last_error FROM jobs WHERE org_id = $1 AND payload->>'ticketId' IN ('again-0', 'again-1', 'broken') ORDER BY 1`, [org.orgId]);
    expect(jobs.rows.map((j) => [j.ticket, j.status])).toEqual([['again-0', 'done'], ['again-1', 'done'], ['broken', 'queued']]);
    expect(jobs.rows[2].last_error).toBeTruthy();
  });

  it('executes a batch\'s refunds in its transaction: a batch that fails leaves no store write behind', async () => {
    await svc().worker.stop(); // this file's own worker only
    const org = await makeOrg(svc(), { settings: LIVE, customers: [customer('r1', 'rita@example.com')], orders: [order('9100', 'r1', 100)], login: false });
    expect((await api(svc(), 'POST', '/v1/tickets', { as: org.key, body: refundTicket('first', 'rita@example.com', '9100', 5) })).status).toBe(202);
    await svc().db.executeSql(`INSERT INTO tickets (org_id, id, payload, payload_hash) VALUES ($1, 'broken', '{"ticket": {"id": "broken"}}', 'h')`, [org.orgId]);
    // 'first' is decided and its refund executed at the store before 'broken' fails the batch
    await expect(processTickets(svc().ctx, org.orgId, ['first', 'broken'])).rejects.toThrow();
    expect(await countStoreMutations(svc().db, org.orgId)).toBe(0);
    const rows = await svc().db.executeSql<{ refunded_amount: string }>(`SELECT refunded_amount FROM orders WHERE org_id = $1 AND id = '9100'`, [org.orgId]);
    expect(Number(rows.rows[0].refunded_amount)).toBe(0);
    expect((await api(svc(), 'GET', '/v1/tickets/first', { as: org.key })).body.status).toBe('queued');
    // alone, it is decided and refunded once
    await processTickets(svc().ctx, org.orgId, ['first']);
    expect(await countStoreMutations(svc().db, org.orgId)).toBe(1);
  });
});
