import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { api, describeEngines, drain, makeOrg } from '../helpers/service.ts';
import { customer, order } from '../helpers/fixtures.ts';
import { withOrg } from '../../src/service/db/tenant.ts';
import { setInboundAddress } from '../../src/service/repo/integrations.ts';
import { startSmtpPeer } from '../peers/smtp.ts';
import { createSmtpMailer } from '../../src/adapters/mail/smtp.ts';

const SECRET = 'test-secret-for-encryption-0123456789';
const INBOUND_SECRET = 'inbound-secret-0123456789';
const business = JSON.parse(readFileSync(new URL('../../examples/calls/business.json', import.meta.url), 'utf8'));

describeEngines('integrations: inbound e-mail, store credentials, phone intake', (svc) => {
  it('turns inbound e-mail to an org address into that org\'s ticket, once per message', async () => {
    const org = await makeOrg(svc(), { settings: { mode: 'shadow' }, customers: [customer('c1', 'jane@example.com')], orders: [order('1042', 'c1', 34)], login: false });
    const address = `support-${org.orgId.slice(0, 8)}@in.example.test`;
    await withOrg(svc().db, org.orgId, (tx) => setInboundAddress(tx, org.orgId, address));
    const mail = { from: 'Jane Doe <jane@example.com>', to: address, subject: 'Broken mug', text: 'My mug from order #1042 arrived broken.\n\n-- \nJane', messageId: '<m1@example.com>' };
    const unauth = await api(svc(), 'POST', '/v1/inbound/email', { body: mail });
    expect(unauth.status).toBe(401);
    const res = await api(svc(), 'POST', '/v1/inbound/email', { body: mail, headers: { 'x-gatehouse-secret': INBOUND_SECRET } });
    expect(res.status).toBe(202);
    const again = await api(svc(), 'POST', '/v1/inbound/email', { body: mail, headers: { 'x-gatehouse-secret': INBOUND_SECRET } });
    expect(again.body.ticketId).toBe(res.body.ticketId);
    await drain(svc());
    const ticket = await api(svc(), 'GET', `/v1/tickets/${res.body.ticketId}`, { as: org.key });
    expect(ticket.body).toMatchObject({ status: 'decided', customerId: 'c1', ticket: { from: 'jane@example.com', subject: 'Broken mug' } });
    const count = await svc().db.executeSql<{ n: number }>('SELECT count(*)::int AS n FROM tickets WHERE org_id = $1', [org.orgId]);
    expect(count.rows[0].n).toBe(1);
    const stranger = await api(svc(), 'POST', '/v1/inbound/email', { body: { ...mail, to: 'nobody@in.example.test', messageId: '<m2@example.com>' }, headers: { 'x-gatehouse-secret': INBOUND_SECRET } });
    expect(stranger.body.status).toBe('ignored');
  });

  it('answers an e-mail ticket in its thread over SMTP once the reply is cleared, once', async () => {
    const peer = await startSmtpPeer();
    const mailer = createSmtpMailer({ host: '127.0.0.1', port: peer.port, secure: false, from: 'Shop Support <support@shop.test>', allowInvalidCertificates: true });
    svc().ctx.mailer = mailer;
    try {
      const org = await makeOrg(svc(), { settings: { mode: 'live' }, customers: [customer('c1', 'jane@example.com')], orders: [order('1042', 'c1', 34)], login: false });
      const address = `help-${org.orgId.slice(0, 8)}@in.example.test`;
      await withOrg(svc().db, org.orgId, (tx) => setInboundAddress(tx, org.orgId, address));
      const mail = { from: 'jane@example.com', to: address, subject: 'Order status', text: 'Hi, where is order 1042?', messageId: '<status-1@example.com>' };
      const res = await api(svc(), 'POST', '/v1/inbound/email', { body: mail, headers: { authorization: `Bearer ${INBOUND_SECRET}` } });
      expect(res.status).toBe(202);
      await drain(svc());
      const ticket = await api(svc(), 'GET', `/v1/tickets/${res.body.ticketId}`, { as: org.key });
      expect(ticket.body).toMatchObject({ outcome: 'executed', decision: { reply: { status: 'sent' } } });
      expect(peer.mails).toHaveLength(1);
      expect(peer.mails[0].envelope.to).toEqual(['jane@example.com']);
      expect(peer.mails[0].headers.get('in-reply-to')).toBe('<status-1@example.com>');
      expect(peer.mails[0].text).toContain('1042');
      const audit = await api(svc(), 'GET', `/v1/audit?type=reply&ticket=${res.body.ticketId}`, { as: org.key });
      expect(audit.body.items[0]).toMatchObject({ event: 'reply.sent', status: 'sent' });
    } finally {
      svc().ctx.mailer = undefined;
      mailer.close();
      await peer.close();
    }
  });

  it('stores a Shopify token encrypted, never shows it, and never logs it in the audit', async () => {
    const org = await makeOrg(svc(), { settings: { mode: 'shadow' } });
    const token = 'shpat_0123456789abcdef0123456789abcdef';
    const bad = await api(svc(), 'PUT', '/v1/store/shopify', { as: org.cookie, body: { shop: 'not a shop!', accessToken: token } });
    expect(bad.body.error.field).toBe('shop');
    const byKey = await api(svc(), 'PUT', '/v1/store/shopify', { as: org.key, body: { shop: 'acme', accessToken: token } });
    expect(byKey.status).toBe(403);
    const res = await api(svc(), 'PUT', '/v1/store/shopify', { as: org.cookie, body: { shop: 'acme', accessToken: token } });
    expect(res.status).toBe(200);
    const view = await api(svc(), 'GET', '/v1/org', { as: org.key });
    expect(view.body.store).toEqual({ provider: 'shopify', shop: 'acme' });
    const stored = await svc().db.executeSql<{ ciphertext: string }>('SELECT ciphertext FROM store_credentials WHERE org_id = $1', [org.orgId]);
    expect(stored.rows[0].ciphertext).toMatch(/^v1:/);
    expect(stored.rows[0].ciphertext).not.toContain(token);
    const audit = await api(svc(), 'GET', '/v1/audit?format=jsonl', { as: org.key });
    expect(String(audit.body)).toContain('store.connected');
    expect(String(audit.body)).not.toContain(token);
    expect(JSON.stringify(view.body)).not.toContain(token);
    expect((await api(svc(), 'DELETE', '/v1/store/shopify', { as: org.cookie })).status).toBe(200);
    expect((await api(svc(), 'GET', '/v1/org', { as: org.key })).body.store.provider).toBe('demo');
  });

  it('validates the phone-intake configuration naming the field, and answers a call from the database', async () => {
    const org = await makeOrg(svc(), { settings: { mode: 'shadow' } });
    const phone = `+1217555${String(Math.floor(Math.random() * 9000) + 1000)}`;
    const bad = await api(svc(), 'PUT', '/v1/calls/config', { as: org.cookie, body: { phone, config: { ...business, afterHours: 'party' } } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('config.afterHours');
    const ok = await api(svc(), 'PUT', '/v1/calls/config', { as: org.cookie, body: { phone, config: business } });
    expect(ok.status).toBe(200);
    expect((await api(svc(), 'GET', '/v1/calls/config', { as: org.key })).body.phone).toBe(phone);
    const form = new URLSearchParams({ CallSid: `CA${org.orgId.replace(/-/g, '').slice(0, 20)}`, From: '+14158675309', To: phone });
    const res = await svc().app.request('/v1/calls/voice', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Acme Plumbing');
    const state = await svc().db.executeSql<{ org_id: string }>('SELECT org_id::text FROM call_states WHERE call_sid = $1', [form.get('CallSid')]);
    expect(state.rows[0]?.org_id).toBe(org.orgId);
    const unknown = await svc().app.request('/v1/calls/voice', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ CallSid: 'CAx', To: '+19999999999' }).toString() });
    expect(await unknown.text()).toContain('Hangup');
  });
}, { mounts: { GATEHOUSE_SECRET: SECRET, GATEHOUSE_INBOUND_SECRET: INBOUND_SECRET } });
