import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import fc from 'fast-check';
import { memoryRateLimiter } from '../../src/service/ratelimit/index.ts';
import { redisRateLimiter } from '../../src/service/ratelimit/redis.ts';
import { openPostgres } from '../../src/service/db/postgres.ts';
import { migrate, listMigrations } from '../../src/service/db/migrate.ts';

describe('sliding-window rate limiter', () => {
  it('in process: refuses past the limit, tells when to retry, and slides', async () => {
    let now = 1_000_000;
    const limiter = memoryRateLimiter(() => now);
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await limiter.hit('org:a', 3, 1000));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(results[3].retryAfterMs).toBe(1000);
    now += 600;
    expect((await limiter.hit('org:a', 3, 1000)).retryAfterMs).toBe(400);
    now += 401; // the first three hits left the window
    expect((await limiter.hit('org:a', 3, 1000)).allowed).toBe(true);
    expect((await limiter.hit('org:b', 3, 1000)).allowed).toBe(true);
  });

  it('in process: answers exactly as a plain sliding log would, over random traffic (the log expires from its front)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 50 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.constantFrom('org:a', 'org:b')), { maxLength: 3000 }),
        async (limit, windowMs, steps) => {
          let now = 0;
          const limiter = memoryRateLimiter(() => now);
          const log = new Map<string, number[]>();
          for (const [advance, key] of steps) {
            now += advance;
            const inWindow = (log.get(key) ?? []).filter((at) => at > now - windowMs);
            const expected = inWindow.length < limit
              ? { allowed: true, remaining: limit - inWindow.length - 1, retryAfterMs: 0 }
              : { allowed: false, remaining: 0, retryAfterMs: Math.max(1, inWindow[inWindow.length - limit] + windowMs - now) };
            if (expected.allowed) inWindow.push(now);
            log.set(key, inWindow);
            expect(await limiter.hit(key, limit, windowMs)).toEqual(expected);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it.skipIf(!process.env.REDIS_URL)('on Redis: two instances share one window, atomically', async () => {
    const a = redisRateLimiter(process.env.REDIS_URL!);
    const b = redisRateLimiter(process.env.REDIS_URL!);
    const key = `test:${randomBytes(6).toString('hex')}`;
    try {
      const hits = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).hit(key, 25, 10_000)));
      expect(hits.filter((h) => h.allowed)).toHaveLength(25);
      const refused = hits.find((h) => !h.allowed)!;
      expect(refused.retryAfterMs).toBeGreaterThan(0);
      expect(refused.retryAfterMs).toBeLessThanOrEqual(10_000);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe.skipIf(!process.env.DATABASE_URL)('migrations on PostgreSQL', () => {
  it('two instances starting together apply each migration once', async () => {
    const schema = `gh_test_${randomBytes(5).toString('hex')}`;
    const [one, two] = await Promise.all([0, 1].map(() => openPostgres({ connectionString: process.env.DATABASE_URL!, schema })));
    try {
      const applied = await Promise.all([migrate(one), migrate(two)]);
      const all = listMigrations().map((m) => m.version);
      expect([...applied[0], ...applied[1]].sort()).toEqual(all.sort());
      expect(await migrate(one)).toEqual([]);
      const rows = await one.executeSql<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
      expect(rows.rows[0].n).toBe(all.length);
    } finally {
      await one.close();
      await two.close();
      const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
    }
  });
});
