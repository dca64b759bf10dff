import type { Principal } from '../repo/accounts.ts';
import type { ServiceContext } from '../pipeline/context.ts';

/** Hono variables every authenticated route can read. The org comes only from here. */
export type AppEnv = {
  Variables: {
    principal: Principal;
    /** the raw session token (logout), never logged */
    sessionToken?: string;
  };
};

export interface HttpDeps {
  ctx: ServiceContext;
  limiter: import('../ratelimit/index.ts').RateLimiter;
  /** per-tenant requests per window (env GATEHOUSE_RATE_LIMIT, default 600 per minute) */
  rateLimit: { limit: number; windowMs: number };
  /** cookies get `Secure` when served over HTTPS (env GATEHOUSE_SECURE_COOKIES=1) */
  secureCookies?: boolean;
  /** GATEHOUSE_SECRET: encrypts store credentials at rest */
  secret?: string;
  /** forget an org's cached store after its credentials change */
  invalidateStore?: (orgId: string) => void;
}
