// API keys of the organisation (Settings > API keys): list, create (the key is shown once, in the
// response page itself, never stored in a cookie or the log), revoke. Through the service's routes.
import { Hono, type Context } from 'hono';
import type { ApiCall } from '../api.ts';
import type { DashboardDeps, WebEnv } from '../deps.ts';
import { checkCsrf, requireSession, setFlash } from '../session.ts';
import { page, Csrf } from '../render.tsx';
import { when } from '../format.ts';
import { FieldError, Tag } from '../layout.tsx';

interface KeyRow { id: string; name: string; prefix: string; createdBy: string | null; createdAt: string | null; lastUsedAt: string | null; revokedAt: string | null }

const who = (c: Context<WebEnv>) => ({ principal: c.get('principal'), sessionToken: c.get('sessionToken') });

export function apiKeyRoutes(deps: DashboardDeps, api: ApiCall) {
  const app = new Hono<WebEnv>();
  const session = requireSession(deps);

  const render = async (c: Context<WebEnv>, opts: { created?: { name: string; key: string }; error?: string; name?: string; status?: number } = {}) => {
    const res = await api<{ items: KeyRow[] }>(who(c), 'GET', '/v1/api-keys');
    const keys = res.ok ? res.data.items : [];
    return page(c, 'API keys', 'settings', (
      <>
        <p><a href="/settings">← Settings</a></p>
        <h1>API keys</h1>
        <p class="lede">Systems that send tickets (your help desk, your own AI) authenticate with a key: <code>Authorization: Bearer &lt;key&gt;</code>. Only a hash is stored; a key is shown once, when it is created.</p>
        {opts.created && (
          <section class="card flash ok" role="status">
            <h2>Key “{opts.created.name}” created</h2>
            <p>Copy it now; it will not be shown again.</p>
            <p><code class="secret">{opts.created.key}</code></p>
          </section>
        )}
        <form method="post" action="/settings/api-keys" class="card filters">
          <Csrf c={c} />
          <div class={`field${opts.error ? ' invalid' : ''}`}>
            <label for="s-key-name">Name</label>
            <input id="s-key-name" name="name" required maxlength={100} value={opts.name ?? ''} placeholder="e.g. zendesk" aria-invalid={opts.error ? 'true' : undefined} aria-describedby={opts.error ? 's-key-name-error' : undefined} />
            <FieldError id="s-key-name" messages={opts.error ? [opts.error] : undefined} />
          </div>
          <div class="buttons"><button type="submit" class="primary">Create a key</button></div>
        </form>
        {keys.length === 0 ? <p class="empty">No API keys.</p> : (
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">API keys</caption>
              <thead><tr><th scope="col">Name</th><th scope="col">Starts with</th><th scope="col">Created</th><th scope="col">Last used</th><th scope="col">State</th><th scope="col"><span class="visually-hidden">Revoke</span></th></tr></thead>
              <tbody>
                {keys.map((k) => (
                  <tr>
                    <td>{k.name}</td><td><code>{k.prefix}…</code></td><td>{when(k.createdAt)}{k.createdBy ? ` by ${k.createdBy}` : ''}</td><td>{when(k.lastUsedAt)}</td>
                    <td>{k.revokedAt ? <Tag value="revoked" kind="blocked" /> : <Tag value="active" kind="executed" />}</td>
                    <td>{!k.revokedAt && (
                      <form method="post" action={`/settings/api-keys/${encodeURIComponent(k.id)}/revoke`}>
                        <Csrf c={c} />
                        <button type="submit" class="danger" aria-label={`Revoke the key ${k.name}`}>Revoke</button>
                      </form>
                    )}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </>
    ), { status: opts.status });
  };

  app.get('/settings/api-keys', session, (c) => render(c));
  app.post('/settings/api-keys', session, checkCsrf(), async (c) => {
    const name = String((await c.req.parseBody()).name ?? '');
    const res = await api<{ name: string; key: string }>(who(c), 'POST', '/v1/api-keys', { name });
    if (!res.ok) return render(c, { error: res.error?.details?.issues?.[0]?.message ?? res.error?.message ?? 'not created', name, status: 400 });
    return render(c, { created: { name: res.data.name, key: res.data.key } });
  });
  app.post('/settings/api-keys/:id/revoke', session, checkCsrf(), async (c) => {
    const res = await api(who(c), 'DELETE', `/v1/api-keys/${encodeURIComponent(c.req.param('id'))}`);
    setFlash(c, res.ok ? { kind: 'ok', text: 'Key revoked: requests with it are refused from now on.' } : { kind: 'error', text: `Not revoked: ${res.error?.message ?? 'refused'}` });
    return c.redirect('/settings/api-keys', 303);
  });
  return app;
}
