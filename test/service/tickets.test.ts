import { expect, it } from 'vitest';
import { api, describeEngines, drain, makeOrg } from '../helpers/service.ts';
import { customer, LIVE, order, refundTicket } from '../helpers/fixtures.ts';
import { countStoreMutations } from '../../src/adapters/store/demo.ts';
import { withOrg } from '../../src/service/db/tenant.ts';

describeEngines('POST /v1/tickets', (svc) => {
  const store = { customers: [customer('c1', 'jane@example.com')], orders: [order('1042', 'c1', 34), order('2000', 'c1', 500)] };

  it('accepts a ticket with 202, decides it in the background and executes the refund once', async () => {
    const org = await makeOrg(svc(), { settings: LIVE, ...store });
    const res = await api(svc(), 'POST', '/v1/tickets', { as: org.key, body: refundTicket('t-1', 'jane@example.com', '1042', 34) });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ id: 't-1', status: 'queued', duplicate: false });
    await drain(svc());
    const got = await api(svc(), 'GET', '/v1/tickets/t-1', { as: org.key });
    expect(got.status).toBe(200);
    expect(got.body.status).toBe('decided');
    expect(got.body.outcome).toBe('executed');
    expect(got.body.decision.trace.map((t: { gate: string }) => t.gate)).toContain('output_guardrails');
    expect(got.body.actions).toMatchObject([{ type: 'refund', orderId: '1042', amount: 34, status: 'executed' }]);
    const order1042 = await svc().ctx.storeFor(org.orgId).then((s) => s.getOrder('1042'));
    expect(order1042?.refundedAmount).toBe(34);
    expect(await withOrg(svc().db, org.orgId, (tx) => countStoreMutations(tx, org.orgId))).toBe(1);
  });

  it('finds the customer of a sender written with a display name, as the CLI does', async () => {
    const org = await makeOrg(svc(), { settings: LIVE, ...store });
    await api(svc(), 'POST', '/v1/tickets', { as: org.key, body: refundTicket('t-named', 'Jane Doe <Jane@Example.com>', '1042', 10) });
    await drain(svc());
    const got = await api(svc(), 'GET', '/v1/tickets/t-named', { as: org.key });
    expect(got.body.customerId).toBe('c1');
    expect(got.body.outcome).toBe('executed');
  });

  it('decides the same ticket posted 10 times concurrently once', async () => {
    const org = await makeOrg(svc(), { settings: LIVE, ...store });
    const body = refundTicket('t-dup', 'jane@example.com', '1042', 20);
    const results = await Promise.all(Array.from({ length: 10 }, () => api(svc(), 'POST', '/v1/tickets', { as: org.key, body })));
    expect(results.filter((r) => r.status === 202)).toHaveLength(1);
    expect(results.filter((r) => r.status === 200 && r.body.duplicate === true)).toHaveLength(9);
    await drain(svc());
    const decisions = await svc().db.executeSql<{ n: number }>('SELECT count(*)::int AS n FROM decisions WHERE org_id = $1', [org.orgId]);
    expect(decisions.rows[0].n).toBe(1);
    expect(await withOrg(svc().db, org.orgId, (tx) => countStoreMutations(tx, org.orgId))).toBe(1);
    const again = await api(svc(), 'POST', '/v1/tickets', { as: org.key, body });
    expect(again.body).toEqual({ id: 't-dup', status: 'decided', duplicate: true });
  });

  it('refuses the same ticket id with different content (409)', async () => {
    const org = await makeOrg(svc(), { settings: LIVE, ...store });
    await api(svc(), 'POST', '/v1/tickets', { as: org.key, body: refundTicket('t-c', 'jane@example.com', '1042', 10) });
    const res = await api(svc(), 'POST', '/v1/tickets', { as: org.key, body: refundTicket('t-c', 'jane@example.com', '1042', 30) });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('ticket_conflict');
  });

  it('answers a bad body with 400 naming the field, and stores nothing', async () => {
    const org = await makeOrg(svc(), { settings: LIVE });
    const bad = await api(svc(), 'POST', '/v1/tickets', { as: org.key, body: { ticket: { id: 'b1', body: 'x' }, model: { intent: 'refund_request', confidence: 3 } } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'invalid_input', field: 'model.confidence' });
    const noJson = await api(svc(), 'POST', '/v1/tickets', { as: org.key, body: '{oops' });
    expect(noJson.status).toBe(400);
    expect(noJson.body.error.code).toBe('invalid_json');
    expect((await api(svc(), 'GET', '/v1/tickets/b1', { as: org.key })).status).toBe(404);
  });

  it('sends a refund above the ceiling to approval and blocks a mismatched order', async () => {
    const org = await makeOrg(svc(), { settings: LIVE, ...store });
    await api(svc(), 'POST', '/v1/tickets', { as: org.key, body: refundTicket('t-big', 'jane@example.com', '2000', 120) });
    const mismatch = refundTicket('t-mis', 'jane@example.com', '1042', 10);
    mismatch.model.actions[0].orderId = '2000';
    await api(svc(), 'POST', '/v1/tickets', { as: org.key, body: mismatch });
    await drain(svc());
    const big = await api(svc(), 'GET', '/v1/tickets/t-big', { as: org.key });
    expect(big.body.outcome).toBe('awaiting_approval');
    expect(big.body.actions[0]).toMatchObject({ status: 'awaiting_approval', gate: 'monetary_threshold' });
    const mis = await api(svc(), 'GET', '/v1/tickets/t-mis', { as: org.key });
    expect(mis.body.outcome).toBe('blocked');
    expect(mis.body.decision.stoppedAt.gate).toBe('entity_validation');
    const list = await api(svc(), 'GET', '/v1/tickets?limit=10', { as: org.key });
    expect(list.body.items.map((t: { id: string }) => t.id).sort()).toEqual(['t-big', 't-mis']);
  });

  it('in shadow mode executes nothing', async () => {
    const org = await makeOrg(svc(), { settings: { mode: 'shadow', firstTimeApproval: false }, ...store });
    await api(svc(), 'POST', '/v1/tickets', { as: org.key, body: refundTicket('t-sh', 'jane@example.com', '1042', 34) });
    await drain(svc());
    const got = await api(svc(), 'GET', '/v1/tickets/t-sh', { as: org.key });
    expect(got.body).toMatchObject({ outcome: 'shadow', wouldBe: 'executed' });
    expect(got.body.actions[0].status).toBe('would_execute');
    expect(await withOrg(svc().db, org.orgId, (tx) => countStoreMutations(tx, org.orgId))).toBe(0);
  });
});
