// Tenant isolation, attacked: org B holds its own valid key and session and tries to reach org A's
// ticket, approval, audit entries, settings and API keys through every route the service (and the
// dashboard) exposes, by guessing ids, swapping keys and tampering with org parameters. Every
// answer must be the answer B would get for an id that does not exist at all, and no byte of A's
// data may appear in anything B receives.
import { randomUUID } from 'node:crypto';
import { describe, expect, it, beforeAll } from 'vitest';
import { api, describeEngines, drain, makeOrg, type TestOrg, type TestService } from '../helpers/service.ts';
import { customer, LIVE, order, refundTicket } from '../helpers/fixtures.ts';
import { ROUTES, createApp } from '../../src/service/app.ts';
import { optionalMounts } from '../../src/service/mounts.ts';
import { withOrg } from '../../src/service/db/tenant.ts';
import { csrfToken } from '../../src/web/session.ts';

/** Strings that exist only in org A: if B ever sees one, isolation is broken. */
const A_MARKERS = ['a-secret-ticket', 'a-secret-waiting', 'a-secret-tag', 'a-secret-subject', 'a.only@example.com', 'A-SECRET-RISK'];

/** Values in a response that legitimately differ between two requests (time, request ids). */
function normalise(body: unknown, ids: string[]): string {
  let text = typeof body === 'string' ? body : JSON.stringify(body);
  for (const id of ids) text = text.split(id).join('<id>');
  return text.replace(/\d{4}-\d{2}-\d{2}T[\d:.]+Z/g, '<time>').replace(/csrf[^"]*"[^"]*"/g, 'csrf');
}

describeEngines('tenant attack suite', (svc) => {
  let a: TestOrg;
  let b: TestOrg;
  let aActionId: string;
  let aKeyId: string;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    const store = { customers: [customer('c1', 'a.only@example.com', ['a-secret-tag']), customer('c2', 'shared@example.com')], orders: [order('5000', 'c1', 150), order('5001', 'c2', 20)] };
    a = await makeOrg(svc(), { settings: { ...LIVE, vipTags: ['a-secret-tag'] }, ...store });
    b = await makeOrg(svc(), { settings: LIVE, customers: [customer('c2', 'shared@example.com')], orders: [order('5001', 'c2', 20)] });
    const waiting = refundTicket('a-secret-waiting', 'a.only@example.com', '5000', 140);
    waiting.ticket.subject = 'a-secret-subject';
    await api(svc(), 'POST', '/v1/tickets', { as: a.key, body: waiting });
    await api(svc(), 'POST', '/v1/tickets', { as: a.key, body: refundTicket('a-secret-ticket', 'shared@example.com', '5001', 10) });
    await api(svc(), 'POST', '/v1/tickets', { as: a.key, body: refundTicket('a-collide', 'shared@example.com', '5001', 3) });
    await api(svc(), 'POST', '/v1/risk-signals', { as: a.key, body: { customerId: 'c1', level: 'low', source: 'A-SECRET-RISK' } });
    await drain(svc());
    const approvals = await api(svc(), 'GET', '/v1/approvals', { as: a.key });
    aActionId = approvals.body.items[0]?.id;
    expect(aActionId, 'org A has an action waiting for approval').toBeTruthy();
    aKeyId = (await api(svc(), 'GET', '/v1/api-keys', { as: a.cookie })).body.items[0].id;
    app = createApp(svc().deps, { mounts: await optionalMounts(svc().deps) });
  });

  /** A request through the full app (API and dashboard). */
  async function request(s: TestService, method: string, path: string, as: string, body?: unknown, extra: Record<string, string> = {}) {
    const headers: Record<string, string> = { ...extra };
    if (as.startsWith('gh_session=')) headers.cookie = as;
    else headers.authorization = `Bearer ${as}`;
    let payload: string | undefined;
    if (body !== undefined) {
      headers['content-type'] ??= 'application/json';
      payload = typeof body === 'string' ? body : JSON.stringify(body);
    }
    const res = await app.request(path, { method, headers, body: payload });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* HTML or JSON Lines */
    }
    void s;
    return { status: res.status, text, body: parsed };
  }

  /** No marker of A in `text`, apart from what B itself sent (`sent`: an id B typed is echoed back to B). */
  const noLeak = (text: string, where: string, sent = '') => {
    for (const marker of [...A_MARKERS, a.orgId, aActionId, aKeyId]) {
      if (sent.includes(marker)) continue;
      expect(text.includes(marker), `${where} leaks ${marker}`).toBe(false);
    }
  };

  /** Each API route with an id: A's real id and an id that exists nowhere must look the same to B. */
  it('every API route with an id answers B the same for A\'s object as for one that does not exist', async () => {
    const withId = ROUTES.filter((r) => r.path.includes(':'));
    expect(withId.length).toBeGreaterThanOrEqual(4);
    const realIds: Record<string, string> = { id: '', actionId: aActionId };
    for (const route of withId) {
      const param = /:(\w+)/.exec(route.path)![1];
      const aId = route.path.startsWith('/v1/tickets') ? 'a-secret-waiting' : route.path.startsWith('/v1/api-keys') ? aKeyId : realIds[param] || aActionId;
      const ghost = route.path.startsWith('/v1/tickets') ? 'no-such-ticket' : randomUUID();
      const body = route.method === 'get' || route.method === 'delete' ? undefined : { orderId: '5000', amount: 140, reason: 'attack' };
      for (const as of [b.key, b.cookie]) {
        const real = await request(svc(), route.method.toUpperCase(), route.path.replace(`:${param}`, encodeURIComponent(aId)), as, body);
        const none = await request(svc(), route.method.toUpperCase(), route.path.replace(`:${param}`, encodeURIComponent(ghost)), as, body);
        // 404, or 403 where the route needs a signed-in person and B came with a key
        expect([404, 403], `${route.method} ${route.path}`).toContain(real.status);
        expect(real.status).toBe(none.status);
        expect(normalise(real.body, [aId]), `${route.method} ${route.path} reveals existence`).toBe(normalise(none.body, [ghost]));
        noLeak(real.text, `${route.method} ${route.path}`, aId);
      }
    }
    // nothing changed in A: the action still waits and A's key still works
    const still = await api(svc(), 'GET', '/v1/approvals', { as: a.key });
    expect(still.status).toBe(200);
    expect(still.body.items.map((i: { id: string }) => i.id)).toContain(aActionId);
  });

  it('every list route, with org ids tampered into query, headers and body, shows B only B', async () => {
    const lists = ROUTES.filter((r) => r.method === 'get' && !r.path.includes(':'));
    const tamper = `org_id=${a.orgId}&orgId=${a.orgId}&org=${a.orgId}&ticket=a-secret-ticket&customer=c1`;
    const headers = { 'x-org-id': a.orgId, 'x-tenant': a.orgId, 'x-forwarded-for': '10.0.0.1' };
    for (const route of lists) {
      for (const as of [b.key, b.cookie]) {
        for (const path of [`${route.path}?${tamper}`, `${route.path}?format=jsonl&${tamper}`]) {
          const res = await request(svc(), 'GET', path, as, undefined, headers);
          expect(res.status, path).toBeLessThan(500);
          noLeak(res.text, path);
        }
      }
    }
    // the audit export, unfiltered, is B's alone
    const exportAll = await request(svc(), 'GET', '/v1/audit?format=jsonl', b.key);
    noLeak(exportAll.text, 'audit export');
    for (const line of exportAll.text.split('\n').filter(Boolean)) expect(JSON.parse(line).ticketId ?? null).not.toBe('a-secret-ticket');
  });

  it('writes with A\'s org id in the body land in B (or nowhere), never in A', async () => {
    const aBefore = await api(svc(), 'GET', '/v1/settings', { as: a.key });
    const tamperedSettings = await request(svc(), 'PUT', '/v1/settings', b.key, { settings: { mode: 'shadow' }, org_id: a.orgId, orgId: a.orgId });
    expect(tamperedSettings.status).toBe(200);
    noLeak(tamperedSettings.text, 'PUT /v1/settings');
    const aAfter = await api(svc(), 'GET', '/v1/settings', { as: a.key });
    expect(aAfter.body.version).toBe(aBefore.body.version);
    expect(aAfter.body.settings.mode).toBe('live');
    await request(svc(), 'POST', '/v1/settings/kill-switch', b.key, { on: true, orgId: a.orgId });
    expect((await api(svc(), 'GET', '/v1/settings', { as: a.key })).body.killSwitch.org).toBe(false);
    await request(svc(), 'POST', '/v1/settings/kill-switch', b.key, { on: false });

    // a risk signal "for A" becomes B's
    const signal = await request(svc(), 'POST', '/v1/risk-signals', b.key, { customerId: 'c1', level: 'critical', source: 'attack', orgId: a.orgId, org_id: a.orgId });
    expect(signal.status).toBe(201);
    const aSignals = await withOrg(svc().db, a.orgId, (tx) => tx.executeSql(`SELECT 1 FROM risk_signals WHERE org_id = $1 AND source = 'attack'`, [a.orgId]));
    expect(aSignals.rows).toHaveLength(0);

    // A's ticket id, posted by B with other content: a new ticket of B's (202), not "conflict" (which would reveal A's)
    const collide = await request(svc(), 'POST', '/v1/tickets', b.key, { ...refundTicket('a-collide', 'shared@example.com', '5001', 5), orgId: a.orgId });
    expect(collide.status).toBe(202);
    expect(collide.body).toMatchObject({ duplicate: false, status: 'queued' });
    noLeak(collide.text, 'POST /v1/tickets (id collision)');
    await drain(svc());
    const aTicket = await api(svc(), 'GET', '/v1/tickets/a-collide', { as: a.key });
    expect(aTicket.body.actions[0].amount).toBe(3);
  });

  it('keys swapped, guessed, truncated or padded are refused without saying why', async () => {
    const forged = [a.key.slice(0, -1), `${a.key}x`, a.key.toUpperCase(), `${a.key.slice(0, 10)}${'0'.repeat(a.key.length - 10)}`, `gh_session=${a.key}`, 'gh_session=', `Bearer ${a.key}`];
    const answers = new Set<string>();
    for (const key of forged) {
      const res = await request(svc(), 'GET', '/v1/tickets/a-secret-ticket', key);
      expect(res.status, key).toBe(401);
      noLeak(res.text, 'forged key');
      answers.add(normalise(res.body, []));
    }
    // B's cookie with A's key prefix in a header is still B
    const mixed = await request(svc(), 'GET', '/v1/tickets/a-secret-ticket', b.cookie, undefined, { 'x-api-key': a.key });
    expect(mixed.status).toBe(404);
  });

  it('the dashboard pages refuse A\'s objects to B exactly like objects that do not exist', async () => {
    const csrf = csrfToken(b.cookie.split('=')[1]);
    const form = (data: Record<string, string>) => new URLSearchParams({ ...data, _csrf: csrf }).toString();
    const cases: Array<[string, string, string | undefined]> = [
      ['GET', '/tickets/a-secret-waiting', undefined],
      ['GET', `/tickets/a-secret-ticket?orgId=${a.orgId}`, undefined],
      ['POST', `/approvals/${aActionId}/approve`, form({ orderId: '5000', amount: '140' })],
      ['POST', `/approvals/${aActionId}/reject`, form({ reason: 'attack' })],
    ];
    for (const [method, path, body] of cases) {
      const ghostPath = path.replace('a-secret-waiting', 'no-such').replace('a-secret-ticket', 'no-such').replace(aActionId, randomUUID());
      const headers: Record<string, string> = body ? { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost', host: 'localhost' } : {};
      const real = await request(svc(), method, path, b.cookie, body, headers);
      const ghost = await request(svc(), method, ghostPath, b.cookie, body, headers);
      noLeak(real.text, `${method} ${path}`, path);
      expect(real.status, `${method} ${path}`).toBe(ghost.status);
      expect(normalise(real.text, [path]), `${method} ${path} reveals existence`).toBe(normalise(ghost.text, [ghostPath]));
    }
    for (const page of ['/', '/inbox', '/approvals', '/audit', '/settings', '/shadow']) {
      const res = await request(svc(), 'GET', `${page}?orgId=${a.orgId}&org_id=${a.orgId}`, b.cookie);
      expect(res.status, page).toBeLessThan(500);
      noLeak(res.text, `dashboard ${page}`);
    }
    expect((await api(svc(), 'GET', '/v1/approvals', { as: a.key })).body.items.map((i: { id: string }) => i.id)).toContain(aActionId);
  });

  it('row-level security covers every table that carries org_id, including tables added later', async () => {
    const tables = await svc().db.executeSql<{ table_name: string; rls: boolean; forced: boolean }>(
      `SELECT c.relname AS table_name, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind = 'r' AND n.nspname = current_schema()
          AND EXISTS (SELECT 1 FROM information_schema.columns col
                       WHERE col.table_schema = n.nspname AND col.table_name = c.relname AND col.column_name = 'org_id')`,
    );
    expect(tables.rows.length).toBeGreaterThanOrEqual(10);
    for (const t of tables.rows) expect({ table: t.table_name, rls: t.rls, forced: t.forced }).toEqual({ table: t.table_name, rls: true, forced: true });
    if (!svc().db.appRole) return; // PGlite without the app role: the application filter is the only line
    for (const t of tables.rows) {
      // no app filter at all: B's scope sees none of A's rows, and no scope at all sees nothing
      const asB = await withOrg(svc().db, b.orgId, (tx) => tx.executeSql<{ n: number }>(`SELECT count(*)::int AS n FROM ${t.table_name} WHERE org_id::text = $1`, [a.orgId]));
      expect(asB.rows[0].n, t.table_name).toBe(0);
      const unscoped = await svc().db.transaction(async (tx) => {
        await tx.executeSql("SELECT set_config('role', 'gatehouse_app', true)");
        return tx.executeSql<{ n: number }>(`SELECT count(*)::int AS n FROM ${t.table_name}`);
      });
      expect(unscoped.rows[0].n, `${t.table_name} without app.org_id`).toBe(0);
    }
  });
});

describe('tenant attack suite: setup', () => {
  it('runs on every engine available (PostgreSQL when DATABASE_URL is set)', () => {
    expect(A_MARKERS.length).toBeGreaterThan(0);
  });
});
