import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv, HttpDeps } from './http/env.ts';
import { errorResponse } from './http/errors.ts';
import { authenticate } from './http/middleware/auth.ts';
import { tenantRateLimit } from './http/middleware/rate-limit.ts';
import { openApiDocument, type RouteDoc } from './http/openapi.ts';
import { ServiceError } from './errors.ts';
import { MAX_BODY_BYTES } from './http/validate.ts';
import { ticketsRouter, ticketRoutes } from './http/routes/tickets.ts';
import { approvalsRouter, approvalRoutes } from './http/routes/approvals.ts';
import { auditRouter, auditRoutes } from './http/routes/audit.ts';
import { settingsRouter, settingsRoutes } from './http/routes/settings.ts';
import { authRouter, authRoutes } from './http/routes/auth.ts';
import { integrationsRouter, integrationRoutes } from './http/routes/integrations.ts';

export const API_VERSION = '1.0.0';

/** Paths under /v1 that answer without a session or key (each does its own checking). */
const PUBLIC = [/^\/v1\/auth\/login$/, /^\/v1\/openapi\.json$/, /^\/v1\/calls\/voice\/?$/, /^\/v1\/inbound\//];

export const ROUTES: RouteDoc[] = [
  { method: 'get', path: '/v1/openapi.json', summary: 'This document', auth: 'none' },
  ...authRoutes, ...ticketRoutes, ...approvalRoutes, ...auditRoutes, ...settingsRoutes, ...integrationRoutes,
];

export interface AppOptions {
  /** extra routers mounted at a path (the dashboard at '/', the calls webhook at '/v1/calls/voice', inbound mail) */
  mounts?: Array<{ path: string; app: Hono<any> }>;
}

/**
 * The HTTP app: the JSON API under /v1 (tenant from the session or API key, rate-limited per
 * tenant), plus whatever is mounted (the dashboard at /). Routers stay small; this file composes.
 */
export function createApp(deps: HttpDeps, opts: AppOptions = {}) {
  const { ctx } = deps;
  const app = new Hono<AppEnv>();
  app.onError((error, c) => errorResponse(error, c, ctx.log));
  app.use('*', secureHeaders());
  const tooLarge = () => new ServiceError(413, 'body_too_large', `the body is larger than ${MAX_BODY_BYTES} bytes`);
  const limitBody = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: () => { throw tooLarge(); } });
  app.use('/v1/*', async function apiBodyLimit(c, next) {
    // inbound e-mail has its own, larger limit (attachments arrive with it); GET and HEAD carry none
    if (c.req.path.startsWith('/v1/inbound/') || c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    // A declared length is checked from the header alone: hono's bodyLimit first asks for the body
    // stream, which makes the node adapter build a whole web Request for every POST (a sixth of the
    // API's CPU per ticket). A chunked body is still counted as it streams.
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      if (Number(length) > MAX_BODY_BYTES) throw tooLarge();
      return next();
    }
    return limitBody(c, next);
  });

  const auth = authenticate({ db: ctx.db });
  const limit = tenantRateLimit({ config: deps.rateLimit, limiter: deps.limiter, onError: (e) => ctx.log.warn('rate limiter unavailable', { error: e.message }) });
  app.use('/v1/*', async function apiAuth(c, next) {
    if (PUBLIC.some((re) => re.test(c.req.path))) return next();
    return auth(c, async () => {
      await limit(c, next);
    });
  });

  app.get('/healthz', (c) => c.json({ ok: true }));
  app.get('/v1/openapi.json', (c) => c.json(openApiDocument(ROUTES, API_VERSION)));
  for (const router of [authRouter, ticketsRouter, approvalsRouter, auditRouter, settingsRouter, integrationsRouter]) app.route('/v1', router(deps));
  for (const m of opts.mounts ?? []) app.route(m.path, m.app);
  app.notFound((c) => c.json({ error: { code: 'not_found', message: `no route for ${c.req.method} ${c.req.path}` } }, 404));
  return app;
}
