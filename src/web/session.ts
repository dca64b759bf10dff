// Sessions are the service's (cookie gh_session, checked by sessionPrincipal); the dashboard adds
// a CSRF token derived from the session token and a one-shot flash message.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { csrf } from 'hono/csrf';
import { sessionPrincipal } from '../service/repo/accounts.ts';
import { SESSION_COOKIE } from '../service/http/middleware/auth.ts';
import { withOrg } from '../service/db/tenant.ts';
import { getOrg } from '../service/repo/accounts.ts';
import { countAwaiting } from '../service/repo/actions.ts';
import type { DashboardDeps, WebEnv } from './deps.ts';

const FLASH_COOKIE = 'gh_flash';

/** A per-session token for forms: knowing it needs the HttpOnly session cookie. */
export function csrfToken(sessionToken: string): string {
  return createHash('sha256').update(`gatehouse-dashboard-csrf\u0000${sessionToken}`).digest('base64url');
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a), y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Pages need a signed-in person: otherwise to the sign-in page, coming back afterwards. */
export const requireSession = ({ db }: DashboardDeps): MiddlewareHandler<WebEnv> =>
  async function requireSession(c, next) {
    const token = getCookie(c, SESSION_COOKIE);
    const principal = token ? await sessionPrincipal(db, token) : null;
    if (!token || !principal) {
      if (wantsJson(c)) return c.json({ error: { code: 'unauthenticated', message: 'your session ended; sign in again' } }, 401);
      const next_ = c.req.method === 'GET' ? c.req.path + (new URL(c.req.url).search || '') : '/';
      return c.redirect(`/login?next=${encodeURIComponent(next_)}`, 303);
    }
    const header = await withOrg(db, principal.orgId, async (tx) => ({ org: await getOrg(tx, principal.orgId), awaiting: await countAwaiting(tx, principal.orgId) }));
    c.set('principal', principal);
    c.set('sessionToken', token);
    c.set('csrf', csrfToken(token));
    c.set('awaiting', header.awaiting);
    c.set('orgName', header.org?.name ?? '');
    c.header('Cache-Control', 'no-store');
    await next();
  };

/**
 * Form posts: the Origin / Sec-Fetch-Site check (hono's csrf) and the session's token in `_csrf`
 * (or the X-CSRF-Token header for the page's fetch calls).
 */
/**
 * hono's csrf with the Origin compared by host (as the service's API does): behind a proxy that
 * ends TLS the request URL says http while the browser's Origin says https.
 */
export const sameSiteOnly = () =>
  csrf({
    origin: (origin, c) => {
      try {
        return new URL(origin).host === (c.req.header('x-forwarded-host') ?? c.req.header('host') ?? new URL(c.req.url).host);
      } catch {
        return false;
      }
    },
  });

export const checkCsrf = (): MiddlewareHandler<WebEnv> => {
  const origin = sameSiteOnly();
  return async function checkCsrf(c, next) {
    const sent = c.req.header('x-csrf-token') ?? String((await c.req.parseBody())['_csrf'] ?? '');
    if (!sameToken(sent, c.get('csrf'))) {
      return c.text('The form expired or came from another site. Go back, reload the page and try again.', 403);
    }
    return origin(c, next);
  };
};

export const wantsJson = (c: Context) => (c.req.header('accept') ?? '').includes('application/json');

export interface Flash {
  kind: 'ok' | 'error' | 'info';
  text: string;
  /** the item it is about (an approval), so the page can put it there */
  ref?: string;
}

export function setFlash(c: Context, flash: Flash) {
  setCookie(c, FLASH_COOKIE, Buffer.from(JSON.stringify(flash)).toString('base64url'), { httpOnly: true, sameSite: 'Lax', path: '/', maxAge: 60 });
}

/** Reads and clears the flash (shown once). */
export function takeFlash(c: Context): Flash | null {
  const raw = getCookie(c, FLASH_COOKIE);
  if (!raw) return null;
  deleteCookie(c, FLASH_COOKIE, { path: '/' });
  try {
    const value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (value && typeof value.text === 'string' && ['ok', 'error', 'info'].includes(value.kind)) return { kind: value.kind, text: value.text.slice(0, 500), ref: typeof value.ref === 'string' ? value.ref : undefined };
  } catch {
    /* a broken flash is dropped */
  }
  return null;
}
