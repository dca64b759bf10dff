// The service under test, without vitest (usable from scripts): engines, orgs, requests, draining.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Db } from '../../src/service/db/port.ts';
import { openDb } from '../../src/service/db/open.ts';
import { createApp } from '../../src/service/app.ts';
import { defaultContext, type ServiceContext } from '../../src/service/pipeline/context.ts';
import { startWorker, type Worker } from '../../src/service/worker.ts';
import { memoryRateLimiter, type RateLimiter } from '../../src/service/ratelimit/index.ts';
import { withOrg } from '../../src/service/db/tenant.ts';
import { createApiKey, createOrg, createUser } from '../../src/service/repo/accounts.ts';
import { saveSettings } from '../../src/service/repo/settings.ts';
import { loadDemoStore } from '../../src/adapters/store/demo.ts';
import type { Customer, Order } from '../../src/tickets/scenario.ts';
import type { HttpDeps } from '../../src/service/http/env.ts';
import { optionalMounts } from '../../src/service/mounts.ts';
import type { ServiceEnv } from '../../src/service/config.ts';

export type Engine = 'pglite' | 'postgres';
export const ENGINES: Engine[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export interface TestService {
  engine: Engine;
  db: Db;
  ctx: ServiceContext;
  app: ReturnType<typeof createApp>;
  worker: Worker;
  limiter: RateLimiter;
  deps: HttpDeps;
  schema?: string;
}

export interface EngineOptions {
  workers?: number;
  rateLimit?: { limit: number; windowMs: number };
  killSwitch?: boolean;
  ctx?: Partial<ServiceContext>;
  /** mount the webhooks (calls, inbound e-mail) with this environment */
  mounts?: Partial<ServiceEnv>;
}

/** A database on one engine (PGlite in memory, or a fresh PostgreSQL schema). */
export async function openTestDb(engine: Engine, poolSize = 10): Promise<{ db: Db; schema?: string; drop(): Promise<void> }> {
  if (engine === 'pglite') {
    const db = await openDb({});
    return { db, drop: () => db.close() };
  }
  const schema = `gh_test_${randomBytes(5).toString('hex')}`;
  const db = await openDb({ databaseUrl: process.env.DATABASE_URL, schema, poolSize });
  return {
    db,
    schema,
    async drop() {
      await db.close();
      const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    },
  };
}

export async function startTestService(engine: Engine, opts: EngineOptions = {}): Promise<TestService & { close(): Promise<void> }> {
  const { db, schema, drop } = await openTestDb(engine);
  let worker: Worker | undefined;
  const ctx = defaultContext(db, { env: { killSwitch: opts.killSwitch ?? false }, wake: () => worker?.wake(), ...opts.ctx });
  worker = startWorker(ctx, { concurrency: opts.workers ?? 4, pollMs: 50 });
  const limiter = memoryRateLimiter();
  const deps: HttpDeps = { ctx, limiter, rateLimit: opts.rateLimit ?? { limit: 100_000, windowMs: 60_000 }, secret: opts.mounts?.GATEHOUSE_SECRET };
  const app = createApp(deps, { mounts: opts.mounts ? (await optionalMounts(deps, opts.mounts)).filter((m) => m.path !== '/') : [] });
  return {
    engine, db, ctx, app, worker, limiter, deps, schema,
    async close() {
      await worker!.stop();
      await limiter.close();
      await drop();
    },
  };
}

export interface TestOrg {
  orgId: string;
  key: string;
  email: string;
  password: string;
  cookie: string;
}

/** A fresh org with a person, an API key, settings and a demo store. */
export async function makeOrg(
  svc: TestService,
  opts: { settings?: Record<string, unknown>; customers?: Customer[]; orders?: Order[]; login?: boolean } = {},
): Promise<TestOrg> {
  const suffix = randomBytes(4).toString('hex');
  const email = `owner-${suffix}@example.test`;
  const password = `pw-${suffix}-correct-horse`;
  const orgId = await svc.db.transaction((tx) => createOrg(tx, `Org ${suffix}`));
  const key = await withOrg(svc.db, orgId, async (tx) => {
    await createUser(tx, orgId, { email, password });
    await saveSettings(tx, orgId, opts.settings ?? { mode: 'live' }, 'test');
    await loadDemoStore(tx, orgId, { customers: opts.customers ?? [], orders: opts.orders ?? [] });
    return (await createApiKey(tx, orgId, 'test', 'test')).key;
  });
  let cookie = '';
  if (opts.login !== false) {
    const res = await svc.app.request('/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
    cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  }
  return { orgId, key, email, password, cookie };
}

export interface ApiResult {
  status: number;
  body: any;
  headers: Headers;
}

/** One HTTP request through the app; `as` is an API key (Bearer) or a session cookie (`gh_session=…`). */
export async function api(svc: TestService, method: string, path: string, opts: { as?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<ApiResult> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.as?.startsWith('gh_session=')) headers.cookie = opts.as;
  else if (opts.as) headers.authorization = `Bearer ${opts.as}`;
  if (opts.body !== undefined) headers['content-type'] ??= 'application/json';
  const res = await svc.app.request(path, { method, headers, body: opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body) });
  const text = await res.text();
  let body: any = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    /* JSON Lines or plain text */
  }
  return { status: res.status, body, headers: res.headers };
}

/** Waits until no job is ready or running (every submitted ticket decided). */
export async function drain(svc: TestService, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    svc.worker.wake();
    await svc.worker.idle();
    const { rows } = await svc.db.executeSql<{ n: number }>(
      `SELECT count(*)::int AS n FROM jobs WHERE (status = 'queued' AND run_after <= now()) OR status = 'running'`,
    );
    if (rows[0].n === 0) return;
    if (Date.now() > until) throw new Error(`jobs still pending after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
