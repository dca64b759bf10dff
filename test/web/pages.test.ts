// The dashboard's pages through app.request(): sessions, CSRF, the approvals queue bound to the
// action shown, settings errors next to their field, escaping and tenant scoping.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, makeOrg } from '../helpers/service.ts';
import { csrfOf, form, orgWithWaiting, startWeb, STORE, type WebHarness } from './harness.ts';

let h: WebHarness;
beforeAll(async () => {
  h = await startWeb();
});
afterAll(async () => {
  await h?.close();
});

const ORIGIN = 'http://localhost';
const post = (path: string, cookie: string, body: string, headers: Record<string, string> = {}) =>
  h.app.request(path, { method: 'POST', headers: { cookie, origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded', ...headers }, body });
const get = (path: string, cookie = '') => h.app.request(path, { headers: cookie ? { cookie } : {} });
const flashCookie = (res: Response) => (res.headers.get('set-cookie') ?? '').split(/,(?=\s*\w+=)/).map((c) => c.split(';')[0].trim()).find((c) => c.startsWith('gh_flash='));
const followWithFlash = async (res: Response, cookie: string) => (await get(res.headers.get('location')!.split('#')[0], `${cookie}; ${flashCookie(res)}`)).text();

describe('sign-in', () => {
  it('sends a stranger to the sign-in page and back to where they were going', async () => {
    const res = await get('/inbox?outcome=blocked');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login?next=%2Finbox%3Foutcome%3Dblocked');
  });

  it('signs in through the service login (session cookie) and refuses a wrong password', async () => {
    const org = await makeOrg(h.svc, { login: false });
    const wrong = await post('/login', '', form({ email: org.email, password: 'nope', next: '/audit' }));
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('Wrong e-mail or password');
    const ok = await post('/login', '', form({ email: org.email, password: org.password, next: '/audit' }));
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/audit');
    const cookie = ok.headers.get('set-cookie')!.split(';')[0];
    expect(cookie).toMatch(/^gh_session=ghs_/);
    expect((await get('/audit', cookie)).status).toBe(200);
    // an outside `next` is never followed
    const offsite = await post('/login', '', form({ email: org.email, password: org.password, next: '//evil.example/x' }));
    expect(offsite.headers.get('location')).toBe('/');
  });

  it('signs out: the session is gone', async () => {
    const org = await makeOrg(h.svc);
    const token = await csrfOf(h.app, org.cookie);
    const out = await post('/logout', org.cookie, form({ _csrf: token }));
    expect(out.status).toBe(303);
    expect((await get('/inbox', org.cookie)).status).toBe(303);
  });
});

describe('CSRF', () => {
  it('refuses a form post without the session token, or from another origin', async () => {
    const org = await makeOrg(h.svc);
    const token = await csrfOf(h.app, org.cookie);
    const noToken = await post('/settings/kill-switch', org.cookie, form({ on: '1' }));
    expect(noToken.status).toBe(403);
    const otherSite = await post('/settings/kill-switch', org.cookie, form({ on: '1', _csrf: token }), { origin: 'https://evil.example' });
    expect(otherSite.status).toBe(403);
    const settings = await api(h.svc, 'GET', '/v1/settings', { as: org.key });
    expect(settings.body.settings.killSwitch).toBe(false);
    const ok = await post('/settings/kill-switch', org.cookie, form({ on: '1', _csrf: token }));
    expect(ok.status).toBe(303);
    expect((await api(h.svc, 'GET', '/v1/settings', { as: org.key })).body.settings.killSwitch).toBe(true);
  });
});

describe('approvals', () => {
  it('shows the waiting action with amount, order facts and why it waits, and the badge count', async () => {
    const org = await orgWithWaiting(h.svc, [['w-1', 'jane@example.com', '3000', 120]]);
    const html = await (await get('/approvals', org.cookie)).text();
    expect(html).toContain('$120.00');
    expect(html).toContain('Monetary threshold');
    expect(html).toContain('$150.00'); // the order total from the store
    expect(html).toMatch(/id="awaiting-badge"[^>]*>1</);
  });

  it('an approval for an amount other than the current one is refused, says so, and keeps the item', async () => {
    const org = await orgWithWaiting(h.svc, [['w-2', 'jane@example.com', '3000', 120]]);
    const item = (await api(h.svc, 'GET', '/v1/approvals', { as: org.cookie })).body.items[0];
    const token = await csrfOf(h.app, org.cookie, '/approvals');
    const res = await post(`/approvals/${item.id}/approve`, org.cookie, form({ _csrf: token, orderId: '3000', amount: '99', type: 'refund' }));
    expect(res.status).toBe(303);
    const page = await followWithFlash(res, org.cookie);
    expect(page).toContain('This action changed since you saw it');
    expect(page).toContain(`id="item-${item.id}"`);
    // the script's variant: 409 with the item's fresh HTML
    const js = await post(`/approvals/${item.id}/approve`, org.cookie, form({ _csrf: token, orderId: '3000', amount: '99', type: 'refund' }), { accept: 'application/json' });
    expect(js.status).toBe(409);
    const body = await js.json();
    expect(body).toMatchObject({ ok: false, code: 'approval_mismatch', count: 1 });
    expect(body.html).toContain('$120.00');
    expect((await api(h.svc, 'GET', '/v1/tickets/w-2', { as: org.key })).body.actions[0].status).toBe('awaiting_approval');
  });

  it('approves exactly what was shown (executes) and rejects with a reason (recorded)', async () => {
    const org = await orgWithWaiting(h.svc, [['w-3', 'jane@example.com', '3000', 120], ['w-4', 'omar@example.com', '3002', 80]]);
    const items = (await api(h.svc, 'GET', '/v1/approvals', { as: org.cookie })).body.items as Array<{ id: string; ticketId: string; orderId: string; amount: number }>;
    const a = items.find((i) => i.ticketId === 'w-3')!, b = items.find((i) => i.ticketId === 'w-4')!;
    const token = await csrfOf(h.app, org.cookie, '/approvals');
    const ok = await post(`/approvals/${a.id}/approve`, org.cookie, form({ _csrf: token, orderId: a.orderId, amount: String(a.amount), type: 'refund' }), { accept: 'application/json' });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ ok: true, count: 1, html: null });
    const rejectNoReason = await post(`/approvals/${b.id}/reject`, org.cookie, form({ _csrf: token, orderId: b.orderId, amount: String(b.amount), reason: ' ' }), { accept: 'application/json' });
    expect(rejectNoReason.status).toBe(400);
    const rejected = await post(`/approvals/${b.id}/reject`, org.cookie, form({ _csrf: token, orderId: b.orderId, amount: String(b.amount), reason: 'outside the return window' }));
    expect(rejected.status).toBe(303);
    const t3 = await api(h.svc, 'GET', '/v1/tickets/w-3', { as: org.key });
    expect(t3.body.actions[0]).toMatchObject({ status: 'executed', approvedBy: `user:${org.email}` });
    const t4 = await api(h.svc, 'GET', '/v1/tickets/w-4', { as: org.key });
    expect(t4.body.actions[0]).toMatchObject({ status: 'rejected', note: 'outside the return window' });
  });
});

describe('settings', () => {
  it('shows the service validation error next to the field it names, keeping what was typed', async () => {
    const org = await makeOrg(h.svc, STORE);
    const token = await csrfOf(h.app, org.cookie);
    const page = await (await get('/settings', org.cookie)).text();
    const values = Object.fromEntries([...page.matchAll(/<input id="[^"]+" name="([^"]+)" type="text"[^>]*value="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    const res = await post('/settings', org.cookie, form({ ...values, _csrf: token, version: '1', 'actions.refund.autoApproveMax': '80', 'actions.refund.blockAbove': '60', 'escalationRules': '[]', 'guardrails.blockedPatterns': '[]', 'guardrails.required': '[]', 'guardrails.pii.action': 'redact' }));
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toMatch(/id="s-actions-refund-blockAbove"[^>]*aria-invalid="true"/);
    expect(html).toMatch(/id="s-actions-refund-blockAbove-error"[^>]*>must be at least autoApproveMax/);
    expect(html).toContain('value="60"');
    const bad = await post('/settings', org.cookie, form({ ...values, _csrf: token, version: '1', escalationRules: '[{"id": "x", "when": {"fact": "nope"}}]', 'guardrails.blockedPatterns': '[', 'guardrails.required': '[]', 'guardrails.pii.action': 'redact' }));
    expect(await bad.text()).toMatch(/id="s-guardrails-blockedPatterns-error"[^>]*>not valid JSON/);
    expect((await api(h.svc, 'GET', '/v1/settings', { as: org.key })).body.version).toBe(1);
  });

  it('saves a valid change as a new version', async () => {
    const org = await makeOrg(h.svc, STORE);
    const token = await csrfOf(h.app, org.cookie);
    const page = await (await get('/settings', org.cookie)).text();
    const values = Object.fromEntries([...page.matchAll(/<input id="[^"]+" name="([^"]+)" type="text"[^>]*value="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    const res = await post('/settings', org.cookie, form({ ...values, _csrf: token, version: '1', 'actions.refund.enabled': 'on', 'actions.refund.autoApproveMax': '75', escalationRules: '[]', 'guardrails.blockedPatterns': '[]', 'guardrails.required': '[]', 'guardrails.pii.action': 'block', 'guardrails.pii.types': ['email', 'ssn'] }));
    expect(res.status).toBe(303);
    const s = (await api(h.svc, 'GET', '/v1/settings', { as: org.key })).body;
    expect(s.version).toBe(2);
    expect(s.settings.actions.refund.autoApproveMax).toBe(75);
    expect(s.settings.guardrails.pii).toMatchObject({ action: 'block', types: ['email', 'ssn'] });
    expect(s.settings.mode).toBe('live');
  });

  it('going live needs the confirmation', async () => {
    const org = await makeOrg(h.svc, { settings: { mode: 'shadow' }, ...STORE });
    const token = await csrfOf(h.app, org.cookie);
    expect(await (await get('/settings/go-live', org.cookie)).text()).toContain('This is what shadow mode saw');
    const unconfirmed = await post('/settings/mode', org.cookie, form({ _csrf: token, mode: 'live', version: '1' }));
    expect(unconfirmed.headers.get('location')).toBe('/settings/go-live');
    expect((await api(h.svc, 'GET', '/v1/settings', { as: org.key })).body.settings.mode).toBe('shadow');
    await post('/settings/mode', org.cookie, form({ _csrf: token, mode: 'live', version: '1', confirm: 'yes' }));
    expect((await api(h.svc, 'GET', '/v1/settings', { as: org.key })).body.settings.mode).toBe('live');
  });
});

describe('tickets, escaping and tenants', () => {
  it('escapes what customers and models write, marks the findings, and shows another org nothing', async () => {
    const org = await makeOrg(h.svc, { settings: { mode: 'live' }, ...STORE });
    const body = {
      ticket: { id: 'x<1>', channel: 'email', from: 'jane@example.com', subject: '<script>alert(1)</script>', body: 'refund order #3000' },
      model: { intent: 'refund_request', confidence: 0.9, actions: [], reply: '😀 Write to jane.doe@example.com <b>now</b>' },
    };
    await api(h.svc, 'POST', '/v1/tickets', { as: org.key, body });
    const { drain } = await import('../helpers/service.ts');
    await drain(h.svc);
    const html = await (await get(`/tickets/${encodeURIComponent('x<1>')}`, org.cookie)).text();
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toMatch(/<mark class="(soft|hard)"[^>]*>jane\.doe@example\.com<span/);
    expect(html).toContain('&lt;b&gt;now&lt;/b&gt;');
    const other = await makeOrg(h.svc, STORE);
    expect((await get(`/tickets/${encodeURIComponent('x<1>')}`, other.cookie)).status).toBe(404);
    expect(await (await get('/inbox', other.cookie)).text()).not.toContain('alert(1)');
  });
});

describe('shadow report', () => {
  it('what-if: raising the auto-approve ceiling shows which tickets would execute instead of wait', async () => {
    const org = await orgWithWaiting(h.svc, [['s-1', 'jane@example.com', '3000', 120], ['s-2', 'jane@example.com', '3001', 30]], { mode: 'shadow', firstTimeApproval: false });
    // in shadow mode the inbox filters by what would have happened
    const waiting = await (await get('/inbox?outcome=awaiting_approval', org.cookie)).text();
    expect(waiting).toContain('Refund for order #3000');
    expect(waiting).not.toContain('Refund for order #3001');
    const page = await (await get('/shadow', org.cookie)).text();
    expect(page).toContain('Would have executed automatically');
    expect(page).toContain('$30.00');
    const token = await csrfOf(h.app, org.cookie, '/shadow');
    const values = Object.fromEntries([...page.matchAll(/<input id="[^"]+" name="([^"]+)" type="text"[^>]*value="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    const res = await post('/shadow/what-if', org.cookie, form({ ...values, _csrf: token, 'actions.refund.enabled': 'on', 'actions.refund.autoApproveMax': '150', 'actions.refund.blockAbove': '200', escalationRules: '[]', 'guardrails.blockedPatterns': '[]', 'guardrails.required': '[]', 'guardrails.pii.action': 'redact', 'shortCircuit.intents': ['spam'], 'risk.reviewLevels': ['high', 'critical'], 'guardrails.pii.types': ['email'] }));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('1 would be decided differently');
    expect(html).toMatch(/\$30\.00<\/?[^>]*>?[^]*now →[^]*\$150\.00/);
    // nothing saved
    expect((await api(h.svc, 'GET', '/v1/settings', { as: org.key })).body.version).toBe(1);
  });
});

describe('calls', () => {
  it('checks a business configuration: QA pass/fail per check, or the field that is wrong', async () => {
    const org = await makeOrg(h.svc, STORE);
    const page = await (await get('/calls', org.cookie)).text();
    expect(page).toContain('Business configuration (JSON)');
    const token = await csrfOf(h.app, org.cookie, '/calls');
    const { readFileSync } = await import('node:fs');
    const config = JSON.parse(readFileSync('examples/calls/business.json', 'utf8'));
    const ok = await (await post('/calls/check', org.cookie, form({ _csrf: token, config: JSON.stringify(config) }))).text();
    expect(ok).toContain('QA report');
    expect(ok).toMatch(/\d+ sample calls, \d+ checks/);
    expect(ok).toContain('Call summaries of the sample calls');
    expect(ok).toContain(config.business.name.replace(/&/g, '&amp;'));
    const bad = await post('/calls/check', org.cookie, form({ _csrf: token, config: JSON.stringify({ ...config, intakeFields: ['name', 'ssn'] }) }));
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/id="s-config-error"[^>]*>[^<]*intakeFields\[1\]/);
  });
});

describe('API keys and rule traces', () => {
  it('creates a key shown once (it then works on the API) and revokes it', async () => {
    const org = await makeOrg(h.svc, STORE);
    const token = await csrfOf(h.app, org.cookie, '/settings/api-keys');
    const created = await (await post('/settings/api-keys', org.cookie, form({ _csrf: token, name: 'helpdesk' }))).text();
    const key = /<code class="secret">([^<]+)<\/code>/.exec(created)![1];
    expect((await api(h.svc, 'GET', '/v1/tickets', { as: key })).status).toBe(200);
    const listed = await (await get('/settings/api-keys', org.cookie)).text();
    expect(listed).toContain('helpdesk');
    expect(listed).not.toContain(key);
    const id = (await api(h.svc, 'GET', '/v1/api-keys', { as: org.cookie })).body.items.find((k: { name: string }) => k.name === 'helpdesk').id;
    expect((await post(`/settings/api-keys/${id}/revoke`, org.cookie, form({ _csrf: token }))).status).toBe(303);
    expect((await api(h.svc, 'GET', '/v1/tickets', { as: key })).status).toBe(401);
  });

  it("shows which escalation rule stopped a ticket and the conditions that held", async () => {
    const rule = { id: 'big-refunds', priority: 5, when: { all: [{ fact: 'intent', operator: 'equal', value: 'refund_request' }, { fact: 'actionTotal', operator: 'greaterThan', value: 100 }] }, then: 'review' };
    const org = await orgWithWaiting(h.svc, [['r-1', 'jane@example.com', '3000', 120]], { mode: 'live', firstTimeApproval: false, escalationRules: [rule] });
    const html = await (await get('/tickets/r-1', org.cookie)).text();
    expect(html).toMatch(/Escalation rules<\/strong> <span class="verdict">sent to a person for review<\/span>[^]*stopped here[^]*rule &quot;big-refunds&quot;/);
    expect(html).toContain('<code>actionTotal greaterThan 100</code> (was <code>120</code>)');
    expect(html).toContain('<code>intent equal &quot;refund_request&quot;</code>');
  });
});
