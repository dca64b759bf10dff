import { expect, it } from 'vitest';
import { api, describeEngines, drain, makeOrg } from '../helpers/service.ts';
import { customer, LIVE, order, refundTicket } from '../helpers/fixtures.ts';
import { countStoreMutations, demoStore } from '../../src/adapters/store/demo.ts';
import { withOrg } from '../../src/service/db/tenant.ts';
import { reconcilePending } from '../../src/service/pipeline/execute.ts';
import type { StoreAdapter } from '../../src/adapters/store/types.ts';

describeEngines('worker, failures and crashes', (svc) => {
  const store = { customers: [customer('c1', 'jane@example.com')], orders: [order('7000', 'c1', 80), order('7001', 'c1', 80)] };
  const mutations = (orgId: string) => withOrg(svc().db, orgId, (tx) => countStoreMutations(tx, orgId));

  /** The org's demo store, with its refund replaced. */
  function brokenStore(orgId: string, refund: StoreAdapter['refund']): StoreAdapter {
    return { ...demoStore(svc().db, orgId), refund };
  }

  it("one tenant's failing job never stalls another's: it retries with backoff, then dies alone", async () => {
    const sick = await makeOrg(svc(), { settings: LIVE, ...store, login: false });
    const healthy = await makeOrg(svc(), { settings: LIVE, ...store, login: false });
    const original = svc().ctx.storeFor;
    svc().ctx.storeFor = async (orgId) => (orgId === sick.orgId ? brokenStore(orgId, async () => { throw new Error('store unreachable'); }) : original(orgId));
    try {
      await api(svc(), 'POST', '/v1/tickets', { as: sick.key, body: refundTicket('w-1', 'jane@example.com', '7000', 20) });
      await api(svc(), 'POST', '/v1/tickets', { as: healthy.key, body: refundTicket('w-2', 'jane@example.com', '7000', 20) });
      await drain(svc());
      expect((await api(svc(), 'GET', '/v1/tickets/w-2', { as: healthy.key })).body.actions[0].status).toBe('executed');
      const sickTicket = await api(svc(), 'GET', '/v1/tickets/w-1', { as: sick.key });
      expect(sickTicket.body.actions[0].status).toBe('pending'); // the intent is recorded; the store never confirmed
      const job = await svc().db.executeSql<{ status: string; attempts: number; last_error: string; later: boolean }>(
        `SELECT status, attempts, last_error, run_after > now() AS later FROM jobs WHERE org_id = $1`, [sick.orgId]);
      // queued again for later (a slow machine may already have retried once more after the 1 s backoff)
      expect(job.rows[0]).toMatchObject({ status: 'queued', last_error: 'store unreachable', later: true });
      expect(job.rows[0].attempts).toBeGreaterThanOrEqual(1);
      // exhaust the retries: the job goes dead, the healthy tenant keeps flowing
      await svc().db.executeSql(`UPDATE jobs SET max_attempts = attempts + 1, run_after = now() WHERE org_id = $1`, [sick.orgId]);
      await api(svc(), 'POST', '/v1/tickets', { as: healthy.key, body: refundTicket('w-3', 'jane@example.com', '7001', 20) });
      await drain(svc());
      const dead = await svc().db.executeSql<{ status: string }>(`SELECT status FROM jobs WHERE org_id = $1`, [sick.orgId]);
      expect(dead.rows[0].status).toBe('dead');
      expect((await api(svc(), 'GET', '/v1/tickets/w-3', { as: healthy.key })).body.actions[0].status).toBe('executed');
    } finally {
      svc().ctx.storeFor = original;
    }
    // the next start reconciles the pending intent: executed once
    await reconcilePending(svc().ctx);
    expect((await api(svc(), 'GET', '/v1/tickets/w-1', { as: sick.key })).body.actions[0].status).toBe('executed');
    expect(await mutations(sick.orgId)).toBe(1);
  });

  it('a crash after the store moved the money but before it was recorded: reconcile executes nothing twice', async () => {
    const org = await makeOrg(svc(), { settings: LIVE, ...store, login: false });
    const original = svc().ctx.storeFor;
    // the refund reaches the store, then the process "dies" before recording the result
    svc().ctx.storeFor = async (orgId) => {
      const real = demoStore(svc().db, orgId);
      return brokenStore(orgId, async (input, key) => {
        await real.refund(input, key);
        throw new Error('connection lost');
      });
    };
    try {
      await api(svc(), 'POST', '/v1/tickets', { as: org.key, body: refundTicket('cr-1', 'jane@example.com', '7000', 25) });
      await drain(svc());
    } finally {
      svc().ctx.storeFor = original;
    }
    expect((await api(svc(), 'GET', '/v1/tickets/cr-1', { as: org.key })).body.actions[0].status).toBe('pending');
    expect(await mutations(org.orgId)).toBe(1);
    await reconcilePending(svc().ctx);
    await reconcilePending(svc().ctx); // a second instance starting too
    const ticket = await api(svc(), 'GET', '/v1/tickets/cr-1', { as: org.key });
    expect(ticket.body.actions[0].status).toBe('executed');
    expect(await mutations(org.orgId)).toBe(1);
    expect((await (await original(org.orgId)).getOrder('7000'))?.refundedAmount).toBe(25);
    const audit = await api(svc(), 'GET', '/v1/audit?ticket=cr-1&type=refund', { as: org.key });
    expect(audit.body.items.map((e: { status: string }) => e.status)).toEqual(['executed', 'pending']);
  });

  it('a store refusal at execution time fails the action for good, with the reason in the audit log', async () => {
    const org = await makeOrg(svc(), { settings: LIVE, ...store, login: false });
    const s = await svc().ctx.storeFor(org.orgId);
    await api(svc(), 'POST', '/v1/tickets', { as: org.key, body: refundTicket('rf-1', 'jane@example.com', '7001', 40) });
    // the order is refunded elsewhere between the decision and the execution
    const original = svc().ctx.storeFor;
    svc().ctx.storeFor = async (orgId) => {
      const real = demoStore(svc().db, orgId);
      return { ...real, refund: async (input, key) => {
        await real.refund({ orderId: '7001', amount: 70, currency: 'USD' }, 'elsewhere');
        return real.refund(input, key);
      } };
    };
    try {
      await drain(svc());
    } finally {
      svc().ctx.storeFor = original;
    }
    const t = await api(svc(), 'GET', '/v1/tickets/rf-1', { as: org.key });
    expect(t.body.actions[0]).toMatchObject({ status: 'failed' });
    expect(t.body.actions[0].note).toMatch(/exceeds the refundable/);
    expect((await s.getOrder('7001'))?.refundedAmount).toBe(70);
    const job = await svc().db.executeSql<{ status: string }>(`SELECT status FROM jobs WHERE org_id = $1`, [org.orgId]);
    expect(job.rows[0].status).toBe('done');
  });
});
