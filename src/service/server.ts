import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import type { Db } from './db/port.ts';
import { openDb } from './db/open.ts';
import { createApp } from './app.ts';
import { jsonLogger, type ServiceContext } from './pipeline/context.ts';
import { reconcilePending } from './pipeline/execute.ts';
import { resumeHaltedTickets } from './pipeline/resume.ts';
import { startWorker, type Worker } from './worker.ts';
import { memoryRateLimiter, type RateLimiter } from './ratelimit/index.ts';
import { redisRateLimiter } from './ratelimit/redis.ts';
import { seedDemoIfEmpty, type DemoCredentials } from './seed.ts';
import { killSwitchFromEnv, type ServiceEnv } from './config.ts';
import { storeResolver } from './stores.ts';
import { optionalMounts } from './mounts.ts';
import { mailerFromEnv } from '../adapters/mail/smtp.ts';

export interface RunningService {
  url: string;
  port: number;
  ctx: ServiceContext;
  app: Hono<any>;
  worker: Worker;
  demo: DemoCredentials | null;
  close(): Promise<void>;
}

/**
 * Opens the database (migrations applied), seeds the demo org on an empty database, finishes
 * intents a crashed process left pending, starts the worker and listens.
 */
export async function startService(env: ServiceEnv, opts: { db?: Db; listen?: boolean; schema?: string } = {}): Promise<RunningService> {
  const log = jsonLogger(env.GATEHOUSE_LOG === 'warn');
  const db = opts.db ?? (await openDb({ databaseUrl: env.DATABASE_URL, dataDir: env.GATEHOUSE_DATA_DIR, schema: opts.schema, poolSize: env.DATABASE_POOL_SIZE }));
  if (!db.appRole) log.warn('row-level security: cannot switch to the gatehouse_app role; tenant isolation relies on the application filter alone');
  let worker: Worker | undefined;
  const stores = storeResolver(db, env.GATEHOUSE_SECRET, { shopifyBaseUrl: env.GATEHOUSE_SHOPIFY_BASE_URL });
  const ctx: ServiceContext = {
    db,
    storeFor: stores,
    env: { killSwitch: killSwitchFromEnv(env.GATEHOUSE_KILL_SWITCH) },
    modelTimeoutMs: env.GATEHOUSE_MODEL_TIMEOUT_MS,
    now: () => new Date(),
    log,
    wake: () => worker?.wake(),
    mailer: mailerFromEnv(process.env, { log: (line) => log.info(line) }),
  };
  const demo: DemoCredentials | null = await seedDemoIfEmpty(ctx, { password: env.GATEHOUSE_DEMO_PASSWORD });
  const reconciled = await reconcilePending(ctx);
  if (reconciled) log.info('reconciled pending executions', { tickets: reconciled });
  const resumed = await resumeHaltedTickets(ctx);
  if (resumed) log.info('kill switch off: halted tickets queued again', { tickets: resumed });
  worker = env.GATEHOUSE_WORKERS > 0 ? startWorker(ctx, { concurrency: env.GATEHOUSE_WORKERS }) : { wake() {}, idle: async () => {}, stop: async () => {} };
  const limiter: RateLimiter = env.REDIS_URL ? redisRateLimiter(env.REDIS_URL) : memoryRateLimiter();
  const deps = { ctx, limiter, rateLimit: { limit: env.GATEHOUSE_RATE_LIMIT, windowMs: env.GATEHOUSE_RATE_WINDOW_MS }, secureCookies: env.GATEHOUSE_SECURE_COOKIES === '1', secret: env.GATEHOUSE_SECRET, invalidateStore: stores.invalidate };
  const app = createApp(deps, { mounts: await optionalMounts(deps, env) });
  let server: ServerType | undefined;
  let port = env.PORT;
  if (opts.listen !== false) {
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
        port = info.port;
        resolve(s);
      });
    });
  }
  const w = worker;
  return {
    url: `http://localhost:${port}`,
    port,
    ctx,
    app,
    worker: w,
    demo,
    async close() {
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      await w.stop();
      await limiter.close();
      ctx.mailer?.close();
      if (!opts.db) await db.close();
    },
  };
}
