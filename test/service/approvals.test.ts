import { expect, it } from 'vitest';
import { api, describeEngines, drain, makeOrg, type TestOrg } from '../helpers/service.ts';
import { customer, LIVE, order, refundTicket } from '../helpers/fixtures.ts';
import { countStoreMutations } from '../../src/adapters/store/demo.ts';
import { withOrg } from '../../src/service/db/tenant.ts';

describeEngines('approvals', (svc) => {
  const store = { customers: [customer('c1', 'jane@example.com')], orders: [order('3000', 'c1', 150), order('3001', 'c1', 150)] };

  async function waiting(org: TestOrg, id: string, orderId = '3000', amount = 120) {
    await api(svc(), 'POST', '/v1/tickets', { as: org.key, body: refundTicket(id, 'jane@example.com', orderId, amount) });
    await drain(svc());
    const list = await api(svc(), 'GET', '/v1/approvals', { as: org.cookie });
    return list.body.items.find((a: { ticketId: string }) => a.ticketId === id);
  }

  it('lists waiting actions with why they wait, and approving executes exactly once', async () => {
    const org = await makeOrg(svc(), { settings: LIVE, ...store });
    const item = await waiting(org, 'a-1');
    expect(item).toMatchObject({ type: 'refund', orderId: '3000', amount: 120, status: 'awaiting_approval', waitingBecause: { gate: 'monetary_threshold' } });
    const me = await api(svc(), 'GET', '/v1/auth/me', { as: org.cookie });
    expect(me.body.awaitingApproval).toBe(1);

    // the same approval clicked twice (concurrently): one executes, the other is told it is done
    const clicks = await Promise.all([0, 1].map(() => api(svc(), 'POST', `/v1/approvals/${item.id}/approve`, { as: org.cookie, body: { orderId: '3000', amount: 120 } })));
    expect(clicks.map((c) => c.status).sort()).toEqual([200, 409]);
    const ok = clicks.find((c) => c.status === 200)!;
    expect(ok.body.action).toMatchObject({ status: 'executed', approvedBy: `user:${org.email}` });
    expect(clicks.find((c) => c.status === 409)!.body.error.code).toBe('not_awaiting_approval');
    expect(await withOrg(svc().db, org.orgId, (tx) => countStoreMutations(tx, org.orgId))).toBe(1);
    const ticket = await api(svc(), 'GET', '/v1/tickets/a-1', { as: org.key });
    expect(ticket.body.outcome).toBe('executed'); // nothing waits any more: the approved decision is the ticket's
    expect(ticket.body.decision.trace.find((t: { gate: string }) => t.gate === 'monetary_threshold').details.approvedBy).toBe(`user:${org.email}`);
    const audit = await api(svc(), 'GET', `/v1/audit?ticket=a-1`, { as: org.key });
    const events = audit.body.items.map((e: { event: string }) => e.event);
    expect(events).toEqual(expect.arrayContaining(['action.awaiting_approval', 'action.approved', 'action.executed']));
    expect(audit.body.items.find((e: { event: string }) => e.event === 'action.executed').actor).toBe(`user:${org.email}`);
  });

  it('refuses an approval for an amount or order other than the one shown (409) and keeps the action waiting', async () => {
    const org = await makeOrg(svc(), { settings: LIVE, ...store });
    const item = await waiting(org, 'a-2');
    const wrongAmount = await api(svc(), 'POST', `/v1/approvals/${item.id}/approve`, { as: org.cookie, body: { orderId: '3000', amount: 119.99 } });
    expect(wrongAmount.status).toBe(409);
    expect(wrongAmount.body.error.code).toBe('approval_mismatch');
    const wrongOrder = await api(svc(), 'POST', `/v1/approvals/${item.id}/approve`, { as: org.cookie, body: { orderId: '3001', amount: 120 } });
    expect(wrongOrder.status).toBe(409);
    const still = await api(svc(), 'GET', '/v1/tickets/a-2', { as: org.key });
    expect(still.body.actions[0].status).toBe('awaiting_approval');
    expect(await withOrg(svc().db, org.orgId, (tx) => countStoreMutations(tx, org.orgId))).toBe(0);
  });

  it('re-checks current facts: an order refunded meanwhile is blocked, not refunded twice', async () => {
    const org = await makeOrg(svc(), { settings: LIVE, ...store });
    const item = await waiting(org, 'a-3', '3001', 120);
    const s = await svc().ctx.storeFor(org.orgId);
    await s.refund({ orderId: '3001', amount: 100, currency: 'USD' }, 'outside-gatehouse');
    const res = await api(svc(), 'POST', `/v1/approvals/${item.id}/approve`, { as: org.cookie, body: { orderId: '3001', amount: 120 } });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'recheck_failed', details: { gate: 'entity_validation' } });
    const after = await api(svc(), 'GET', '/v1/tickets/a-3', { as: org.key });
    expect(after.body.actions[0]).toMatchObject({ status: 'blocked', gate: 'entity_validation' });
    expect((await s.getOrder('3001'))?.refundedAmount).toBe(100);
  });

  it('rejects with a reason, records who, and a reject without a reason names the field', async () => {
    const org = await makeOrg(svc(), { settings: LIVE, ...store });
    const item = await waiting(org, 'a-4');
    const noReason = await api(svc(), 'POST', `/v1/approvals/${item.id}/reject`, { as: org.cookie, body: { reason: '  ' } });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.field).toBe('reason');
    const res = await api(svc(), 'POST', `/v1/approvals/${item.id}/reject`, { as: org.cookie, body: { reason: 'customer already got a replacement' } });
    expect(res.status).toBe(200);
    expect(res.body.action).toMatchObject({ status: 'rejected', rejectedBy: `user:${org.email}`, note: 'customer already got a replacement' });
    const approveAfter = await api(svc(), 'POST', `/v1/approvals/${item.id}/approve`, { as: org.cookie, body: { orderId: '3000', amount: 120 } });
    expect(approveAfter.status).toBe(409);
    const audit = await api(svc(), 'GET', '/v1/audit?status=rejected', { as: org.key });
    expect(audit.body.items[0]).toMatchObject({ event: 'action.rejected', actor: `user:${org.email}`, output: { reason: 'customer already got a replacement' } });
  });

  it('approval of the first-ever action passes the first-time gate but still checks limits', async () => {
    const org = await makeOrg(svc(), { settings: { mode: 'live', limits: { customerActions: 0 } }, ...store });
    const item = await waiting(org, 'a-5', '3000', 20);
    expect(item).toBeUndefined(); // the customer limit blocks before first-time approval
    const t = await api(svc(), 'GET', '/v1/tickets/a-5', { as: org.key });
    expect(t.body.decision.stoppedAt.gate).toBe('rate_limits');

    const org2 = await makeOrg(svc(), { settings: { mode: 'live' }, ...store });
    const first = await waiting(org2, 'a-6', '3000', 20);
    expect(first.waitingBecause.gate).toBe('first_time_approval');
    const res = await api(svc(), 'POST', `/v1/approvals/${first.id}/approve`, { as: org2.key, body: { orderId: '3000', amount: 20, type: 'refund' } });
    expect(res.status).toBe(200);
    expect(res.body.action).toMatchObject({ status: 'executed', approvedBy: 'api_key:test' });
  });

  it('answers 404 for an unknown or malformed action id', async () => {
    const org = await makeOrg(svc(), { settings: LIVE, ...store });
    for (const id of ['00000000-0000-0000-0000-000000000000', 'not-a-uuid', '------------------------------------']) {
      const res = await api(svc(), 'POST', `/v1/approvals/${id}/approve`, { as: org.cookie, body: { orderId: '1', amount: 1 } });
      expect(res.status).toBe(404);
    }
  });
});
