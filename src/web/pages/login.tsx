import { Hono } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { getCookie } from 'hono/cookie';
import { Layout, FlashBox } from '../layout.tsx';
import type { ApiCall } from '../api.ts';
import type { DashboardDeps, WebEnv } from '../deps.ts';
import { requireSession, checkCsrf, sameSiteOnly } from '../session.ts';
import { SESSION_COOKIE } from '../../service/http/middleware/auth.ts';
import { sessionPrincipal } from '../../service/repo/accounts.ts';

/** Only local paths: `next` never sends someone to another site. */
export function safeNext(next: string | undefined): string {
  return next && /^\/(?!\/)[^\\\s]*$/.test(next) ? next : '/';
}

function LoginPage({ next, error, email }: { next: string; error?: string; email?: string }) {
  return (
    <Layout title="Sign in" current="">
      <section class="login card">
        <h1>Sign in</h1>
        {error && <FlashBox flash={{ kind: 'error', text: error }} />}
        <form method="post" action="/login">
          <input type="hidden" name="next" value={next} />
          <label for="email">E-mail</label>
          <input id="email" name="email" type="email" autocomplete="username" required value={email ?? ''} />
          <label for="password">Password</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required />
          <button type="submit" class="primary">Sign in</button>
        </form>
      </section>
    </Layout>
  );
}

function remoteAddress(c: Parameters<typeof getConnInfo>[0]): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined; // not behind @hono/node-server (app.request in tests)
  }
}

/** Sign-in goes through the service's own login endpoint (rate limit, audit entry, cookie). */
export function loginRoutes(deps: DashboardDeps, api: ApiCall) {
  const app = new Hono<WebEnv>();
  app.get('/login', async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token && (await sessionPrincipal(deps.db, token))) return c.redirect(safeNext(c.req.query('next')), 303);
    return c.html('<!doctype html>' + <LoginPage next={safeNext(c.req.query('next'))} />);
  });
  app.post('/login', sameSiteOnly(), async (c) => {
    const form = await c.req.parseBody();
    const email = String(form.email ?? '');
    const next = safeNext(String(form.next ?? ''));
    // the service limits sign-in attempts per client address: pass the one it would have seen
    const client = c.req.header('x-forwarded-for') ?? remoteAddress(c);
    const res = await api({}, 'POST', '/v1/auth/login', { email, password: String(form.password ?? '') }, client ? { 'x-forwarded-for': client } : {});
    if (!res.ok) {
      const message = res.status === 401 ? 'Wrong e-mail or password.' : res.error?.message ?? 'Sign-in failed.';
      return c.html('<!doctype html>' + <LoginPage next={next} error={message} email={email} />, res.status === 429 ? 429 : 401);
    }
    const cookie = res.headers.get('set-cookie');
    if (cookie) c.header('Set-Cookie', cookie);
    return c.redirect(next, 303);
  });
  app.post('/logout', requireSession(deps), checkCsrf(), async (c) => {
    const res = await api({ principal: c.get('principal'), sessionToken: c.get('sessionToken') }, 'POST', '/v1/auth/logout');
    const cookie = res.headers.get('set-cookie');
    if (cookie) c.header('Set-Cookie', cookie);
    return c.redirect('/login', 303);
  });
  return app;
}
