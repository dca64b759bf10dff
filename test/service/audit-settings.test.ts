import { expect, it } from 'vitest';
import { api, describeEngines, drain, makeOrg } from '../helpers/service.ts';
import { customer, LIVE, order, refundTicket } from '../helpers/fixtures.ts';
import { resumeHaltedTickets } from '../../src/service/pipeline/resume.ts';

describeEngines('audit log and settings', (svc) => {
  const store = { customers: [customer('c1', 'jane@example.com'), customer('c2', 'omar@example.com')], orders: [order('6000', 'c1', 40), order('6001', 'c2', 500)] };

  it('logs every action with inputs, amount, gate, confidence and actor; filters; exports JSON Lines', async () => {
    const org = await makeOrg(svc(), { settings: LIVE, ...store });
    await api(svc(), 'POST', '/v1/tickets', { as: org.key, body: refundTicket('au-1', 'jane@example.com', '6000', 30) });
    await api(svc(), 'POST', '/v1/tickets', { as: org.key, body: refundTicket('au-2', 'omar@example.com', '6001', 400) });
    await drain(svc());
    const all = await api(svc(), 'GET', '/v1/audit?type=refund', { as: org.key });
    const executed = all.body.items.find((e: { event: string }) => e.event === 'action.executed');
    expect(executed).toMatchObject({ type: 'refund', status: 'executed', actor: 'ai', tool: 'demo.createRefund', amount: 30, currency: 'USD', customerId: 'c1', ticketId: 'au-1' });
    expect(executed.input).toMatchObject({ orderId: '6000', amount: 30 });
    const blocked = await api(svc(), 'GET', '/v1/audit?type=refund&status=blocked', { as: org.key });
    expect(blocked.body.items).toHaveLength(1);
    expect(blocked.body.items[0]).toMatchObject({ ticketId: 'au-2', gate: 'monetary_threshold', amount: 400, confidence: 0.95 });
    const byCustomer = await api(svc(), 'GET', '/v1/audit?customer=c2', { as: org.key });
    expect(byCustomer.body.items.every((e: { customerId: string }) => e.customerId === 'c2')).toBe(true);
    const future = await api(svc(), 'GET', `/v1/audit?from=${encodeURIComponent(new Date(Date.now() + 3600_000).toISOString())}`, { as: org.key });
    expect(future.body.items).toEqual([]);
    const badDate = await api(svc(), 'GET', '/v1/audit?from=yesterday', { as: org.key });
    expect(badDate.status).toBe(400);
    expect(badDate.body.error.field).toBe('from');

    const jsonl = await api(svc(), 'GET', '/v1/audit?format=jsonl&type=refund', { as: org.cookie });
    expect(jsonl.headers.get('content-type')).toContain('application/x-ndjson');
    const lines = String(jsonl.body).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.length).toBe(all.body.items.length);
    expect(lines.map((l) => l.id)).toEqual(all.body.items.map((e: { id: number }) => e.id));
  });

  it('the audit log is append-only, even for SQL run by the service owner', async () => {
    const org = await makeOrg(svc(), { settings: LIVE });
    await api(svc(), 'PUT', '/v1/settings', { as: org.cookie, body: { settings: { mode: 'shadow' } } });
    await expect(svc().db.executeSql('UPDATE audit_log SET actor = $2 WHERE org_id = $1', [org.orgId, 'someone-else'])).rejects.toThrow(/append-only/);
    await expect(svc().db.executeSql('DELETE FROM audit_log WHERE org_id = $1', [org.orgId])).rejects.toThrow(/append-only/);
  });

  it('validates settings naming the field, versions them and refuses a stale version', async () => {
    const org = await makeOrg(svc(), { settings: LIVE });
    const got = await api(svc(), 'GET', '/v1/settings', { as: org.cookie });
    expect(got.body).toMatchObject({ version: 1, settings: { mode: 'live', actions: { refund: { autoApproveMax: 50 } } }, killSwitch: { org: false, env: false } });
    const bad = await api(svc(), 'PUT', '/v1/settings', { as: org.cookie, body: { settings: { actions: { refund: { autoApproveMax: -5 } } } } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'invalid_input', field: 'settings.actions.refund.autoApproveMax' });
    const unknown = await api(svc(), 'PUT', '/v1/settings', { as: org.cookie, body: { settings: { mode: 'yolo' } } });
    expect(unknown.body.error.field).toBe('settings.mode');
    const saved = await api(svc(), 'PUT', '/v1/settings', { as: org.cookie, body: { settings: { mode: 'live', actions: { refund: { enabled: true, autoApproveMax: 80, blockAbove: 300 } } }, version: 1 } });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ version: 2, updatedBy: `user:${org.email}`, settings: { actions: { refund: { autoApproveMax: 80 } } } });
    const stale = await api(svc(), 'PUT', '/v1/settings', { as: org.cookie, body: { settings: { mode: 'shadow' }, version: 1 } });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'version_conflict', details: { current: 2 } });
    const audit = await api(svc(), 'GET', '/v1/audit?type=settings', { as: org.cookie });
    expect(audit.body.items[0]).toMatchObject({ event: 'settings.updated', status: 'v2', actor: `user:${org.email}` });
  });

  it('the kill switch halts tickets, and turning it off decides them', async () => {
    const org = await makeOrg(svc(), { settings: LIVE, ...store });
    const on = await api(svc(), 'POST', '/v1/settings/kill-switch', { as: org.cookie, body: { on: true } });
    expect(on.body.killSwitch.org).toBe(true);
    await api(svc(), 'POST', '/v1/tickets', { as: org.key, body: refundTicket('ks-1', 'jane@example.com', '6000', 10) });
    await drain(svc());
    const halted = await api(svc(), 'GET', '/v1/tickets/ks-1', { as: org.key });
    expect(halted.body).toMatchObject({ status: 'halted', outcome: 'halted', actions: [] });
    await api(svc(), 'POST', '/v1/settings/kill-switch', { as: org.cookie, body: { on: false } });
    await drain(svc());
    const decided = await api(svc(), 'GET', '/v1/tickets/ks-1', { as: org.key });
    expect(decided.body).toMatchObject({ status: 'decided', outcome: 'executed' });
  });

  it('the environment kill switch halts every org; a start without it decides the halted tickets', async () => {
    const org = await makeOrg(svc(), { settings: LIVE, ...store });
    svc().ctx.env.killSwitch = true;
    try {
      await api(svc(), 'POST', '/v1/tickets', { as: org.key, body: refundTicket('env-ks', 'jane@example.com', '6000', 10) });
      await drain(svc());
      expect((await api(svc(), 'GET', '/v1/tickets/env-ks', { as: org.key })).body.status).toBe('halted');
      expect((await api(svc(), 'GET', '/v1/settings', { as: org.key })).body.killSwitch).toEqual({ org: false, env: true });
    } finally {
      svc().ctx.env.killSwitch = false;
    }
    expect(await resumeHaltedTickets(svc().ctx)).toBeGreaterThanOrEqual(1);
    await drain(svc());
    expect((await api(svc(), 'GET', '/v1/tickets/env-ks', { as: org.key })).body).toMatchObject({ status: 'decided', outcome: 'executed' });
  });

  it('the shadow report shows outcomes per gate and the money that would have moved', async () => {
    const org = await makeOrg(svc(), { settings: { mode: 'shadow', firstTimeApproval: false }, ...store });
    await api(svc(), 'POST', '/v1/tickets', { as: org.key, body: refundTicket('sh-1', 'jane@example.com', '6000', 30) });
    await api(svc(), 'POST', '/v1/tickets', { as: org.key, body: refundTicket('sh-2', 'omar@example.com', '6001', 120) });
    await api(svc(), 'POST', '/v1/tickets', { as: org.key, body: refundTicket('sh-3', 'omar@example.com', '6001', 450) });
    await drain(svc());
    const report = await api(svc(), 'GET', '/v1/reports/shadow', { as: org.cookie });
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({
      tickets: 3,
      outcomes: { executed: 1, awaiting_approval: 1, blocked: 1 },
      gates: { none: { executed: 1 }, monetary_threshold: { awaiting_approval: 1, blocked: 1 } },
      money: { wouldExecute: { USD: 30 }, wouldAwaitApproval: { USD: 120 }, wouldBlock: { USD: 450 } },
    });
  });
});
