// The dashboard: server-rendered pages (hono/jsx) on the service's origin, plain forms that work
// without JavaScript, and a small script of our own for one-click decisions. No build step, no CDN.
import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { DashboardDeps, WebEnv } from './deps.ts';
import { inProcessApi } from './api.ts';
import { loginRoutes } from './pages/login.tsx';
import { inboxRoutes } from './pages/inbox.tsx';
import { approvalsRoutes } from './pages/approvals.tsx';
import { auditRoutes } from './pages/audit.tsx';
import { settingsRoutes } from './pages/settings.tsx';
import { shadowRoutes } from './pages/shadow.tsx';
import { overviewRoutes } from './pages/overview.tsx';
import { callsRoutes } from './pages/calls.tsx';
import { apiKeyRoutes } from './pages/api-keys.tsx';

export type { DashboardDeps } from './deps.ts';

const asset = (name: string) => readFileSync(new URL(`./static/${name}`, import.meta.url), 'utf8');

/** Only our own files; inline SVG charts need no script; forms post to this origin only. */
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** Mounted by the service at `/` (src/service/mounts.ts). */
export function createDashboard(deps: DashboardDeps): Hono<WebEnv> {
  const api = inProcessApi(deps);
  const assets = new Map<string, [string, string]>([
    ['app.css', [asset('app.css'), 'text/css; charset=utf-8']],
    ['app.js', [asset('app.js'), 'text/javascript; charset=utf-8']],
  ]);
  const app = new Hono<WebEnv>();
  // Per route rather than `use('*')`: mounted at '/', a catch-all middleware would also wrap the API.
  const pages = ['/', '/login', '/logout', '/inbox', '/tickets/*', '/approvals', '/approvals/*', '/audit', '/settings', '/settings/*', '/shadow', '/calls', '/calls/*'];
  for (const path of pages) {
    app.use(path, async function dashboardHeaders(c, next) {
      await next();
      c.header('Content-Security-Policy', CSP);
      c.header('Referrer-Policy', 'same-origin');
    });
  }
  // A page that fails says so in a page (the details go to the log, never to the browser).
  app.onError((error, c) => {
    // refusals raised by middleware (hono's csrf: 403) keep their status
    if (error instanceof HTTPException) return c.text(error.status === 403 ? 'This request came from another site and was refused.' : error.message || 'Request refused.', error.status);
    deps.ctx.log.error('dashboard error', { path: c.req.path, method: c.req.method, error: (error as Error)?.stack ?? String(error) });
    const body = '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Something went wrong · Gatehouse</title><link rel="stylesheet" href="/assets/app.css"></head><body><main id="main"><h1>Something went wrong</h1><p>The page could not be shown. Try again in a moment; if it keeps happening, the service log has the details.</p><p><a href="/">Back to the overview</a></p></main></body></html>';
    c.header('Content-Security-Policy', CSP);
    return c.html(body, 500);
  });
  app.get('/assets/:name', (c) => {
    const hit = assets.get(c.req.param('name'));
    if (!hit) return c.notFound();
    return c.body(hit[0], 200, { 'Content-Type': hit[1], 'Cache-Control': 'no-cache' });
  });
  for (const routes of [loginRoutes(deps, api), overviewRoutes(deps), inboxRoutes(deps), approvalsRoutes(deps, api), auditRoutes(deps, api), settingsRoutes(deps, api), shadowRoutes(deps, api), callsRoutes(deps), apiKeyRoutes(deps, api)]) {
    app.route('/', routes);
  }
  return app;
}
