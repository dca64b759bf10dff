import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import type { RateLimiter } from './index.ts';

/**
 * The sliding log as one atomic Lua script on a sorted set, so every instance shares the window.
 * Redis's own clock is the clock: instances with skewed clocks still agree.
 */
const SCRIPT = `
local key = KEYS[1]
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local member = ARGV[3]
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
local count = redis.call('ZCARD', key)
if count >= limit then
  local oldest = redis.call('ZRANGE', key, count - limit, count - limit, 'WITHSCORES')
  local retry = window
  if oldest[2] then retry = tonumber(oldest[2]) + window - now end
  return {0, 0, math.max(1, retry)}
end
redis.call('ZADD', key, now, member)
redis.call('PEXPIRE', key, window)
return {1, limit - count - 1, 0}
`;

export function redisRateLimiter(url: string, prefix = 'gatehouse:rl:'): RateLimiter {
  const redis = new Redis(url, { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false });
  redis.on('error', () => undefined); // surfaced per call; never crash the process
  redis.defineCommand('gatehouseHit', { numberOfKeys: 1, lua: SCRIPT });
  let seq = 0;
  const instance = randomBytes(6).toString('hex');
  return {
    async hit(key, limit, windowMs) {
      const member = `${Date.now()}:${instance}:${seq++}`;
      const [allowed, remaining, retry] = (await (redis as unknown as { gatehouseHit: (...a: unknown[]) => Promise<number[]> })
        .gatehouseHit(prefix + key, limit, windowMs, member));
      return { allowed: allowed === 1, remaining, retryAfterMs: retry };
    },
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
