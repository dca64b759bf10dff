// Bad input over HTTP, by property: any body (arbitrary JSON, mutated valid bodies, not JSON at
// all, the wrong content type) and any query string get a JSON error with a stable code (and the
// field, for invalid input), never a 500; and a refused request writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { api, drain, makeOrg, startTestService, type TestOrg, type TestService } from '../helpers/service.ts';
import { customer, LIVE, order, refundTicket } from '../helpers/fixtures.ts';
import { DELETE, mutateAt, pathsOf } from './scenario-arbitraries.ts';

let svc: TestService & { close(): Promise<void> };
let org: TestOrg;
let actionId: string;

beforeAll(async () => {
  svc = await startTestService('pglite', { workers: 1 });
  org = await makeOrg(svc, { settings: { mode: 'live' }, customers: [customer('c1', 'jane@example.com')], orders: [order('5000', 'c1', 150)] });
  await api(svc, 'POST', '/v1/tickets', { as: org.key, body: refundTicket('waiting', 'jane@example.com', '5000', 120) });
  await drain(svc);
  actionId = (await api(svc, 'GET', '/v1/approvals', { as: org.key })).body.items[0].id;
});
afterAll(() => svc?.close());

/** Counts of every table a write could touch: a refused request must leave them all unchanged. */
async function footprint(): Promise<string> {
  await drain(svc); // tickets accepted earlier are decided in the background: let them settle first
  const tables = ['tickets', 'jobs', 'actions', 'settings', 'risk_signals', 'api_keys', 'audit_log', 'store_mutations'];
  const counts = [];
  for (const t of tables) counts.push(`${t}=${(await svc.db.executeSql<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`)).rows[0].n}`);
  const status = await svc.db.executeSql<{ status: string }>('SELECT status FROM actions WHERE id = $1', [actionId]);
  return `${counts.join(' ')} action=${status.rows[0].status}`;
}

const ROUTES_WITH_BODIES = () => [
  { method: 'POST', path: '/v1/tickets', valid: refundTicket('t-valid', 'jane@example.com', '5000', 10) },
  { method: 'POST', path: `/v1/approvals/${actionId}/approve`, valid: { orderId: '5000', amount: 120 } },
  { method: 'POST', path: `/v1/approvals/${actionId}/reject`, valid: { reason: 'not this one' } },
  { method: 'PUT', path: '/v1/settings', valid: { settings: { ...LIVE, actions: { refund: { enabled: true, autoApproveMax: 50, blockAbove: 200 } } } } },
  { method: 'POST', path: '/v1/settings/kill-switch', valid: { on: false } },
  { method: 'POST', path: '/v1/risk-signals', valid: { customerId: 'c1', level: 'high', source: 'chargeback' } },
  { method: 'POST', path: '/v1/api-keys', valid: { name: 'zendesk' } },
  { method: 'POST', path: '/v1/auth/login', valid: { email: 'nobody@example.com', password: 'wrong' } },
];

const odd = fc.constantFrom(null, true, 0, -1, 1e308, '', 'x'.repeat(300), '../../etc/passwd', "'; DROP TABLE tickets; --", '\uFFFF', [], {}, { $gt: '' }, { __proto__: { admin: true } });

/**
 * A U+0000 in any string is the known bug pinned by the `it.fails` test below (PostgreSQL text and
 * jsonb cannot hold it and the service answers 500); the properties skip such inputs until it is fixed.
 */
const hasNul = (value: unknown): boolean => JSON.stringify(value ?? null).includes('\\u0000');

function expectJsonError(res: { status: number; body: any }, where: string) {
  expect(res.status, `${where}: ${JSON.stringify(res.body)}`).toBeLessThan(500);
  if (res.status >= 400) {
    expect(typeof res.body?.error?.code, `${where}: ${JSON.stringify(res.body)}`).toBe('string');
    expect(typeof res.body.error.message).toBe('string');
    if (res.body.error.code === 'invalid_input') expect(typeof res.body.error.field).toBe('string');
  }
}

describe('HTTP bodies (property-based)', () => {
  it('arbitrary JSON bodies: a JSON error with a code (and field), never a 500, and nothing written', async () => {
    for (const route of ROUTES_WITH_BODIES()) {
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.jsonValue({ maxDepth: 3 }), odd), async (body) => {
          fc.pre(!hasNul(body));
          const before = await footprint();
          const res = await api(svc, route.method, route.path, { as: org.cookie, body: JSON.stringify(body) ?? 'null', headers: { origin: 'http://localhost', host: 'localhost' } });
          expectJsonError(res, `${route.method} ${route.path}`);
          if (res.status >= 400 && route.path !== '/v1/auth/login') expect(await footprint(), `${route.method} ${route.path} wrote on refusal`).toBe(before);
        }),
        { numRuns: 20 },
      );
    }
  }, 120_000);

  it('valid bodies with one field changed or deleted: accepted, or refused naming the field, never a 500', async () => {
    for (const route of ROUTES_WITH_BODIES()) {
      const paths = pathsOf(route.valid).filter((p) => p.length > 0);
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...paths), fc.oneof(odd, fc.jsonValue({ maxDepth: 2 }), fc.constant(DELETE)), async (path, replacement) => {
          const body = mutateAt(route.valid, path, replacement) as Record<string, any>;
          fc.pre(!hasNul(body));
          // each accepted ticket needs its own id, or it would be a (refused) retry with other content
          if (route.path === '/v1/tickets' && typeof body.ticket?.id === 'string') body.ticket.id = `${body.ticket.id}-${Math.random().toString(36).slice(2)}`;
          const before = await footprint();
          const res = await api(svc, route.method, route.path, { as: org.key, body });
          expectJsonError(res, `${route.method} ${route.path} with ${path.join('.')} = ${JSON.stringify(replacement === DELETE ? '<deleted>' : replacement)}`);
          if (res.status === 400 && res.body.error.code === 'invalid_input') {
            expect(res.body.error.field, JSON.stringify(res.body)).not.toBe('');
            expect(await footprint()).toBe(before);
          }
        }),
        { numRuns: 20 },
      );
    }
  }, 120_000);

  it('not JSON, or not declared as JSON: 400 invalid_json or 415, never a 500', async () => {
    for (const route of ROUTES_WITH_BODIES()) {
      for (const [body, type] of [['{"ticket": ', 'application/json'], ['ticket=1', 'application/x-www-form-urlencoded'], ['\u0000\uFFFF', 'application/json'], [JSON.stringify(route.valid), 'text/plain']]) {
        const res = await api(svc, route.method, route.path, { as: org.key, body, headers: { 'content-type': type } });
        expectJsonError(res, `${route.method} ${route.path} (${type})`);
        // (an API key on a route for signed-in people is refused first, with 403)
        // (sign-in attempts are rate limited per address by now: 429 is an answer too)
        expect(route.path === '/v1/api-keys' ? [403] : route.path === '/v1/auth/login' ? [400, 415, 429] : [400, 415, 413]).toContain(res.status);
      }
    }
    const huge = await api(svc, 'POST', '/v1/tickets', { as: org.key, body: JSON.stringify({ ticket: { id: 'big', body: 'x'.repeat(1_100_000) } }) });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('body_too_large');
    // a declared length over the limit is refused from the header alone, the body unread
    const declared = await api(svc, 'POST', '/v1/tickets', { as: org.key, body: '{}', headers: { 'content-type': 'application/json', 'content-length': '1100000' } });
    expect(declared.status).toBe(413);
    expect(declared.body.error.code).toBe('body_too_large');
  });

  it('arbitrary query strings on the list and export routes: a JSON answer or a JSON error, never a 500', async () => {
    const key = fc.constantFrom('limit', 'before', 'from', 'to', 'type', 'status', 'customer', 'ticket', 'format', 'outcome', 'org_id');
    const value = fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('-1', '0', '1e9', 'NaN', '2026-13-45T99:00:00Z', 'jsonl', "' OR 1=1 --", '%00'));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('/v1/tickets', '/v1/audit', '/v1/reports/shadow', '/v1/approvals', '/v1/settings'), fc.array(fc.tuple(key, value), { maxLength: 4 }), async (path, pairs) => {
        const query = new URLSearchParams(pairs).toString();
        const res = await api(svc, 'GET', `${path}?${query}`, { as: org.key });
        expectJsonError(res, `GET ${path}?${query}`);
      }),
      { numRuns: 150 },
    );
  });

  // BUG (src/service/http/validate.ts jsonBody, and every repo insert of text/jsonb): a string with
  // U+0000 passes validation, then PostgreSQL and PGlite refuse it ("unsupported Unicode escape
  // sequence" for jsonb, "invalid byte sequence for encoding UTF8: 0x00" for text) and the service
  // answers 500 internal. Expected: 400 invalid_input naming the field (or the NUL stripped).
  it('a NUL character in a ticket, settings, key name or risk signal is a 400 naming the field, not a 500', async () => {
    const ticket = refundTicket('nul-1', 'jane@example.com', '5000', 10);
    ticket.ticket.body += '\u0000';
    const cases = [
      await api(svc, 'POST', '/v1/tickets', { as: org.key, body: ticket }),
      await api(svc, 'PUT', '/v1/settings', { as: org.key, body: { settings: { vipTags: ['vip\u0000'] } } }),
      await api(svc, 'POST', '/v1/risk-signals', { as: org.key, body: { customerId: 'c\u0000', level: 'high' } }),
      await api(svc, 'POST', '/v1/api-keys', { as: org.cookie, body: { name: 'a\u0000b' }, headers: { origin: 'http://localhost', host: 'localhost' } }),
    ];
    for (const res of cases) {
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error.field).not.toBe('');
    }
  });
});
