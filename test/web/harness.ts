// A service with the dashboard mounted, on a fresh in-memory PGlite: for app.request() tests and,
// listening on a random loopback port, for the browser tests.
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from '../../src/service/app.ts';
import { createDashboard } from '../../src/web/index.ts';
import { api, drain, makeOrg, startTestService, type TestOrg, type TestService } from '../helpers/service.ts';
import { customer, order, refundTicket } from '../helpers/fixtures.ts';

export interface WebHarness {
  svc: TestService;
  app: ReturnType<typeof createApp>;
  close(): Promise<void>;
}

export async function startWeb(): Promise<WebHarness> {
  const svc = await startTestService('pglite');
  const app = createApp(svc.deps, { mounts: [{ path: '/', app: createDashboard({ ...svc.deps, db: svc.db }) }] });
  return { svc, app, close: () => (svc as TestService & { close(): Promise<void> }).close() };
}

export async function listen(app: WebHarness['app']): Promise<{ url: string; server: ServerType }> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve({ url: `http://127.0.0.1:${info.port}`, server }));
  });
}

export const STORE = {
  customers: [customer('c1', 'jane@example.com'), customer('c2', 'omar@example.com')],
  orders: [order('3000', 'c1', 150), order('3001', 'c1', 150), order('3002', 'c2', 90)],
};

/** Live, with every action above $50 waiting for a person. */
export const LIVE_REVIEW = { mode: 'live', firstTimeApproval: false };

export async function orgWithWaiting(svc: TestService, tickets: Array<[id: string, from: string, orderId: string, amount: number]>, settings: Record<string, unknown> = LIVE_REVIEW): Promise<TestOrg> {
  const org = await makeOrg(svc, { settings, ...STORE });
  for (const [id, from, orderId, amount] of tickets) {
    const res = await api(svc, 'POST', '/v1/tickets', { as: org.key, body: refundTicket(id, from, orderId, amount) });
    if (res.status >= 300) throw new Error(`ticket ${id}: ${JSON.stringify(res.body)}`);
  }
  await drain(svc);
  return org;
}

/** The Set-Cookie/CSRF dance of a signed-in browser, for app.request(). */
export async function csrfOf(app: WebHarness['app'], cookie: string, path = '/settings'): Promise<string> {
  const html = await (await app.request(path, { headers: { cookie } })).text();
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error(`no CSRF token on ${path}`);
  return m[1];
}

export function form(data: Record<string, string | string[]>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(data)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
  return p.toString();
}
