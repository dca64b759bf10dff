import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Db } from '../../db/port.ts';
import { apiKeyPrincipal, sessionPrincipal } from '../../repo/accounts.ts';
import { ServiceError } from '../../errors.ts';
import type { AppEnv } from '../env.ts';

export const SESSION_COOKIE = 'gh_session';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves the principal from `Authorization: Bearer <api key>` or the session cookie. The org is
 * the principal's, never a parameter. A cookie-authenticated write from another site is refused
 * (SameSite=Lax cookies plus an Origin check).
 */
export const authenticate = ({ db, allow = ['user', 'api_key'] }: { db: Db; allow?: Array<'user' | 'api_key'> }): MiddlewareHandler<AppEnv> =>
  async function authenticate(c, next) {
    const header = c.req.header('authorization');
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const principal = match ? await apiKeyPrincipal(db, match[1]) : null;
      if (!principal) throw new ServiceError(401, 'unauthenticated', 'the API key is missing, malformed, revoked or unknown');
      if (!allow.includes('api_key')) throw new ServiceError(403, 'session_required', 'this endpoint needs a signed-in person, not an API key');
      c.set('principal', principal);
      return next();
    }
    const token = getCookie(c, SESSION_COOKIE);
    const principal = token ? await sessionPrincipal(db, token) : null;
    if (!principal || !allow.includes('user')) throw new ServiceError(401, 'unauthenticated', 'sign in or send an API key');
    if (!SAFE.has(c.req.method) && crossSite(c.req.header('origin'), c.req.header('sec-fetch-site'), c.req.header('host'))) {
      throw new ServiceError(403, 'cross_site_request', 'a cookie-authenticated write must come from this site');
    }
    c.set('principal', principal);
    c.set('sessionToken', token);
    return next();
  };

function crossSite(origin: string | undefined, fetchSite: string | undefined, host: string | undefined): boolean {
  if (fetchSite && fetchSite !== 'same-origin' && fetchSite !== 'none') return true;
  if (!origin) return false;
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

/** After `authenticate`: only a signed-in person (not an API key) may continue. */
export const requireUser = (): MiddlewareHandler<AppEnv> =>
  async function requireUser(c, next) {
    if (c.get('principal').kind !== 'user') throw new ServiceError(403, 'session_required', 'this endpoint needs a signed-in person, not an API key');
    return next();
  };
