// The dashboard's writes go through the service's own API routers, in process: the same
// validation, business rules (approval re-checks, settings versions, kill-switch resume) and
// audit entries as an API client gets. Nothing here decides anything.
import { Hono, type Context } from 'hono';
import { errorResponse } from '../service/http/errors.ts';
import type { Principal } from '../service/repo/accounts.ts';
import type { AppEnv } from '../service/http/env.ts';
import { authRouter } from '../service/http/routes/auth.ts';
import { ticketsRouter } from '../service/http/routes/tickets.ts';
import { approvalsRouter } from '../service/http/routes/approvals.ts';
import { auditRouter } from '../service/http/routes/audit.ts';
import { settingsRouter } from '../service/http/routes/settings.ts';
import { tenantRateLimit } from '../service/http/middleware/rate-limit.ts';
import type { DashboardDeps } from './deps.ts';

/** The service's error body: `{ error: { code, message, field?, details? } }`. */
export interface ApiError {
  code: string;
  message: string;
  field?: string;
  details?: { issues?: Array<{ field: string; message: string }>; [k: string]: unknown };
}

export interface ApiResult<T> {
  status: number;
  ok: boolean;
  data: T;
  error: ApiError | null;
  headers: Headers;
}

type Bindings = { principal?: Principal; sessionToken?: string };

export type ApiCall = <T = Record<string, unknown>>(
  who: { principal?: Principal; sessionToken?: string },
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<ApiResult<T>>;

export function inProcessApi(deps: DashboardDeps): ApiCall {
  const app = new Hono<AppEnv & { Bindings: Bindings }>();
  app.onError((error, c) => errorResponse(error, c, deps.ctx.log));
  app.use('*', async function dashboardPrincipal(c, next) {
    // The principal comes from the dashboard's session check, never from the request.
    if (c.env.principal) c.set('principal', c.env.principal);
    if (c.env.sessionToken) c.set('sessionToken', c.env.sessionToken);
    await next();
  });
  // the organisation's API rate limit counts the dashboard's calls too (sign-in has its own)
  const limit = tenantRateLimit({ config: deps.rateLimit, limiter: deps.limiter, onError: (e) => deps.ctx.log.warn('rate limiter unavailable', { error: e.message }) });
  app.use('*', async function dashboardRateLimit(c, next) {
    return c.env.principal ? limit(c as unknown as Context<AppEnv>, next) : next();
  });
  for (const router of [authRouter, ticketsRouter, approvalsRouter, auditRouter, settingsRouter]) app.route('/v1', router(deps));

  return async function api(who, method, path, body, headers = {}) {
    const init: RequestInit = { method, headers: { ...headers } };
    if (body !== undefined) {
      init.body = JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
    }
    const res = await app.request(path, init, { principal: who.principal, sessionToken: who.sessionToken });
    const text = await res.text();
    const json = text ? JSON.parse(text) : null;
    const error = res.ok ? null : ((json?.error as ApiError) ?? { code: 'http_error', message: `HTTP ${res.status}` });
    return { status: res.status, ok: res.ok, data: json, error, headers: res.headers };
  };
}
