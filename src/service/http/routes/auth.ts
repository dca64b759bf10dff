import { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { withOrg } from '../../db/tenant.ts';
import { ServiceError, notFound } from '../../errors.ts';
import { createApiKey, getOrg, listApiKeys, login, logout, revokeApiKey, SESSION_DAYS } from '../../repo/accounts.ts';
import { appendAudit } from '../../repo/audit.ts';
import { countAwaiting } from '../../repo/actions.ts';
import type { AppEnv, HttpDeps } from '../env.ts';
import type { RouteDoc } from '../openapi.ts';
import { jsonBody } from '../validate.ts';
import { createKeyBody, loginBody } from '../schemas.ts';
import { requireUser, SESSION_COOKIE } from '../middleware/auth.ts';
import { loginRateLimit } from '../middleware/rate-limit.ts';

export const authRoutes: RouteDoc[] = [
  { method: 'post', path: '/v1/auth/login', summary: 'Sign in; sets the HttpOnly session cookie', auth: 'none', body: loginBody, errors: [401, 429] },
  { method: 'post', path: '/v1/auth/logout', summary: 'Sign out (ends the session)', auth: 'session' },
  { method: 'get', path: '/v1/auth/me', summary: 'Who is signed in, their organisation, and the approvals badge count', auth: 'any' },
  { method: 'get', path: '/v1/api-keys', summary: "The org's API keys (never the keys themselves)", auth: 'session' },
  { method: 'post', path: '/v1/api-keys', summary: 'Create an API key; the key is shown once', auth: 'session', body: createKeyBody, status: 201 },
  { method: 'delete', path: '/v1/api-keys/:id', summary: 'Revoke an API key', auth: 'session', errors: [404] },
];

/** Sign-in is public (rate limited per address); the app authenticates everything else before these routes. */
export function authRouter({ ctx, limiter, secureCookies }: HttpDeps) {
  const app = new Hono<AppEnv>();
  const sessionOnly = requireUser();

  app.post('/auth/login', loginRateLimit({ limiter }), async (c) => {
    const body = await jsonBody(c, loginBody);
    const result = await login(ctx.db, body.email, body.password);
    if (!result) throw new ServiceError(401, 'invalid_credentials', 'wrong e-mail or password');
    const { principal } = result;
    await withOrg(ctx.db, principal.orgId, (tx) => appendAudit(tx, principal.orgId, { type: 'auth', event: 'auth.login', status: 'ok', actor: principal.actor }));
    setCookie(c, SESSION_COOKIE, result.token, { httpOnly: true, sameSite: 'Lax', path: '/', secure: secureCookies, maxAge: SESSION_DAYS * 86_400 });
    return c.json({ user: { id: principal.id, email: principal.email }, orgId: principal.orgId });
  });

  app.post('/auth/logout', sessionOnly, async (c) => {
    const token = c.get('sessionToken');
    if (token) await logout(ctx.db, token);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.json({ ok: true });
  });

  app.get('/auth/me', async (c) => {
    const p = c.get('principal');
    const data = await withOrg(ctx.db, p.orgId, async (tx) => ({ org: await getOrg(tx, p.orgId), awaitingApproval: await countAwaiting(tx, p.orgId) }));
    return c.json({ principal: { kind: p.kind, actor: p.actor, email: p.email ?? null }, org: data.org, awaitingApproval: data.awaitingApproval });
  });

  app.get('/api-keys', sessionOnly, async (c) => {
    const orgId = c.get('principal').orgId;
    return c.json({ items: await withOrg(ctx.db, orgId, (tx) => listApiKeys(tx, orgId)) });
  });

  app.post('/api-keys', sessionOnly, async (c) => {
    const body = await jsonBody(c, createKeyBody);
    const p = c.get('principal');
    const created = await withOrg(ctx.db, p.orgId, async (tx) => {
      const key = await createApiKey(tx, p.orgId, body.name, p.actor);
      await appendAudit(tx, p.orgId, { type: 'api_key', event: 'api_key.created', status: 'ok', actor: p.actor, input: { name: body.name }, output: { id: key.id, prefix: key.prefix } });
      return key;
    });
    return c.json(created, 201);
  });

  app.delete('/api-keys/:id', sessionOnly, async (c) => {
    const p = c.get('principal');
    const revoked = await withOrg(ctx.db, p.orgId, async (tx) => {
      const row = await revokeApiKey(tx, p.orgId, c.req.param('id'));
      if (row) await appendAudit(tx, p.orgId, { type: 'api_key', event: 'api_key.revoked', status: 'ok', actor: p.actor, output: { id: row.id, name: row.name } });
      return row;
    });
    if (!revoked) throw notFound('API key');
    return c.json({ id: revoked.id, revoked: true });
  });
  return app;
}
