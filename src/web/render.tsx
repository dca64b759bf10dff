import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { Layout } from './layout.tsx';
import { takeFlash, type Flash } from './session.ts';
import type { WebEnv } from './deps.ts';

/** A full page for a signed-in person (nav, badge, flash taken once). */
export function page(c: Context<WebEnv>, title: string, current: string, body: Child, opts: { status?: number; flash?: Flash | null } = {}) {
  const p = c.get('principal');
  const flash = opts.flash === undefined ? takeFlash(c) : opts.flash;
  const user = { email: p.email ?? p.actor, org: c.get('orgName'), awaiting: c.get('awaiting'), csrf: c.get('csrf') };
  return c.html(
    '<!doctype html>' +
      (
        <Layout title={title} current={current} user={user} flash={flash}>
          {body}
        </Layout>
      ),
    (opts.status ?? 200) as 200,
  );
}

/** The hidden CSRF field every form carries. */
export const Csrf = ({ c }: { c: Context<WebEnv> }) => <input type="hidden" name="_csrf" value={c.get('csrf')} />;
