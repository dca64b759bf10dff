import type { MiddlewareHandler } from 'hono';
import type { RateLimiter } from '../../ratelimit/index.ts';
import { ServiceError } from '../../errors.ts';
import type { AppEnv } from '../env.ts';

/**
 * Per-tenant sliding-window limit on the authenticated API. Refused requests get 429 with
 * Retry-After (seconds). If the limiter's store is down the request goes through (fail open for
 * availability: the gates, not the rate limit, protect money) and the failure is logged.
 */
export const tenantRateLimit = ({ limiter, config, onError }: { limiter: RateLimiter; config: { limit: number; windowMs: number }; onError?: (e: Error) => void }): MiddlewareHandler<AppEnv> =>
  async function tenantRateLimit(c, next) {
    const orgId = c.get('principal').orgId;
    const { limit, windowMs } = config; // read per request: the limit can be changed at run time
    let decision;
    try {
      decision = await limiter.hit(`org:${orgId}`, limit, windowMs);
    } catch (error) {
      onError?.(error as Error);
      return next();
    }
    c.header('RateLimit-Limit', String(limit));
    c.header('RateLimit-Remaining', String(decision.remaining));
    if (!decision.allowed) {
      const seconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
      c.header('Retry-After', String(seconds));
      throw new ServiceError(429, 'rate_limited', `too many requests for this organisation; retry in ${seconds} s`);
    }
    return next();
  };

/** Sign-in attempts per client address (guessing passwords costs time). */
export const loginRateLimit = ({ limiter, limit = 20, windowMs = 60_000 }: { limiter: RateLimiter; limit?: number; windowMs?: number }): MiddlewareHandler =>
  async function loginRateLimit(c, next) {
    const ip = c.req.header('x-forwarded-for')?.split(',')[0]?.trim() || 'local';
    const decision = await limiter.hit(`login:${ip}`, limit, windowMs).catch(() => ({ allowed: true, retryAfterMs: 0 }));
    if (!decision.allowed) {
      c.header('Retry-After', String(Math.max(1, Math.ceil(decision.retryAfterMs / 1000))));
      throw new ServiceError(429, 'rate_limited', 'too many sign-in attempts; wait and retry');
    }
    return next();
  };
