import { expect, it } from 'vitest';
import { api, describeEngines, makeOrg } from '../helpers/service.ts';
import { LIVE } from '../helpers/fixtures.ts';

describeEngines('auth, API keys, OpenAPI', (svc) => {
  it('logs in with an HttpOnly SameSite=Lax cookie, and logs out', async () => {
    const org = await makeOrg(svc(), { settings: LIVE, login: false });
    const wrong = await api(svc(), 'POST', '/v1/auth/login', { body: { email: org.email, password: 'wrong-password' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('invalid_credentials');
    const unknown = await api(svc(), 'POST', '/v1/auth/login', { body: { email: 'nobody@example.test', password: 'whatever' } });
    expect(unknown.body).toEqual(wrong.body); // the same answer: no hint whether the address exists
    const res = await api(svc(), 'POST', '/v1/auth/login', { body: { email: org.email.toUpperCase(), password: org.password } });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^gh_session=ghs_/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const session = cookie.split(';')[0];
    const me = await api(svc(), 'GET', '/v1/auth/me', { as: session });
    expect(me.body).toMatchObject({ principal: { kind: 'user', email: org.email }, org: { id: org.orgId } });
    const tokenRow = await svc().db.executeSql<{ token_hash: string }>('SELECT token_hash FROM sessions WHERE org_id = $1', [org.orgId]);
    expect(tokenRow.rows[0].token_hash).not.toContain(session.split('=')[1]); // only a hash is stored
    const out = await api(svc(), 'POST', '/v1/auth/logout', { as: session });
    expect(out.status).toBe(200);
    expect((await api(svc(), 'GET', '/v1/auth/me', { as: session })).status).toBe(401);
  });

  it('refuses a cookie-authenticated write from another site', async () => {
    const org = await makeOrg(svc(), { settings: LIVE });
    const res = await api(svc(), 'PUT', '/v1/settings', { as: org.cookie, body: { settings: { mode: 'shadow' } }, headers: { origin: 'https://evil.example', host: 'localhost' } });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('cross_site_request');
  });

  it('creates an API key shown once, lists it without the key, and revokes it', async () => {
    const org = await makeOrg(svc(), { settings: LIVE });
    const created = await api(svc(), 'POST', '/v1/api-keys', { as: org.cookie, body: { name: 'helpdesk' } });
    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(/^gh_/);
    const list = await api(svc(), 'GET', '/v1/api-keys', { as: org.cookie });
    expect(JSON.stringify(list.body)).not.toContain(created.body.key);
    expect(list.body.items.map((k: { name: string }) => k.name)).toContain('helpdesk');
    const stored = await svc().db.executeSql<{ key_hash: string }>('SELECT key_hash FROM api_keys WHERE org_id = $1', [org.orgId]);
    expect(stored.rows.every((r) => r.key_hash !== created.body.key)).toBe(true);
    expect((await api(svc(), 'GET', '/v1/tickets', { as: created.body.key })).status).toBe(200);
    // a key cannot manage keys: that needs a person
    const byKey = await api(svc(), 'POST', '/v1/api-keys', { as: created.body.key, body: { name: 'x' } });
    expect(byKey.status).toBe(403);
    await api(svc(), 'DELETE', `/v1/api-keys/${created.body.id}`, { as: org.cookie });
    expect((await api(svc(), 'GET', '/v1/tickets', { as: created.body.key })).status).toBe(401);
  });

  it('rate-limits per tenant with 429 and Retry-After, without touching another tenant', async () => {
    const a = await makeOrg(svc(), { settings: LIVE, login: false });
    const b = await makeOrg(svc(), { settings: LIVE, login: false });
    const original = svc().deps.rateLimit;
    svc().deps.rateLimit.limit = 5; // the middleware reads the same object
    try {
      const results = [];
      for (let i = 0; i < 7; i++) results.push(await api(svc(), 'GET', '/v1/tickets', { as: a.key }));
      expect(results.slice(0, 5).every((r) => r.status === 200)).toBe(true);
      expect(results[5].status).toBe(429);
      expect(Number(results[5].headers.get('retry-after'))).toBeGreaterThan(0);
      expect(results[5].body.error.code).toBe('rate_limited');
      expect((await api(svc(), 'GET', '/v1/tickets', { as: b.key })).status).toBe(200);
    } finally {
      svc().deps.rateLimit.limit = original.limit;
    }
  });

  it('serves an OpenAPI document generated from the request schemas', async () => {
    const res = await api(svc(), 'GET', '/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.0.3');
    const post = res.body.paths['/v1/tickets'].post;
    const schema = post.requestBody.content['application/json'].schema;
    expect(schema.required).toContain('ticket');
    expect(schema.properties.model).toBeDefined();
    expect(res.body.paths['/v1/approvals/{actionId}/approve'].post.parameters[0]).toMatchObject({ name: 'actionId', in: 'path' });
    expect(res.body.paths['/v1/audit'].get.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['type', 'status', 'from', 'to', 'customer', 'format']));
  });

  it('answers unknown routes and wrong content types as JSON errors', async () => {
    const org = await makeOrg(svc(), { settings: LIVE, login: false });
    const missing = await api(svc(), 'GET', '/v1/nothing-here', { as: org.key });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
    const text = await api(svc(), 'POST', '/v1/tickets', { as: org.key, body: 'hello', headers: { 'content-type': 'text/plain' } });
    expect(text.status).toBe(415);
  });
});
