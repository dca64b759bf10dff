import { Hono, type Context } from 'hono';
import type { ApiCall } from '../api.ts';
import type { DashboardDeps, WebEnv } from '../deps.ts';
import type { Settings } from '../../tickets/settings.ts';
import { checkCsrf, requireSession, setFlash } from '../session.ts';
import { page, Csrf } from '../render.tsx';
import { errorsByField, settingsFromForm, valuesOf, type FormValues } from '../settings-form.ts';
import { SettingsFields } from './settings-fields.tsx';
import { FlashBox, Tag } from '../layout.tsx';
import { when } from '../format.ts';
import { loadShadowReport, ShadowSummary } from './shadow.tsx';

interface SettingsView {
  version: number;
  settings: Settings;
  saved: Record<string, unknown>;
  updatedAt: string | null;
  updatedBy: string | null;
  killSwitch: { org: boolean; env: boolean };
}

const who = (c: Context<WebEnv>) => ({ principal: c.get('principal'), sessionToken: c.get('sessionToken') });

/** All values of a posted form, repeated names (checkbox groups) as arrays. */
export async function formValues(c: Context): Promise<FormValues> {
  const body = await c.req.parseBody({ all: true });
  const out: FormValues = {};
  for (const [k, v] of Object.entries(body)) out[k] = Array.isArray(v) ? v.map(String) : String(v);
  return out;
}

export function settingsRoutes(deps: DashboardDeps, api: ApiCall) {
  const app = new Hono<WebEnv>();
  const session = requireSession(deps);
  const load = async (c: Context<WebEnv>) => (await api<SettingsView>(who(c), 'GET', '/v1/settings')).data;

  const render = (c: Context<WebEnv>, view: SettingsView, values: FormValues, errors: Record<string, string[]> = {}, status = 200) => {
    const s = view.settings;
    const general = errors[''];
    return page(c, 'Settings', 'settings', (
      <>
        <h1>Settings</h1>
        <p class="meta">Version {view.version}{view.updatedAt && <> · saved {when(view.updatedAt)} by {view.updatedBy}</>} · <a href="/settings/api-keys">API keys</a></p>
        <div class="grid2">
          <section class="card" aria-labelledby="mode-h">
            <h2 id="mode-h">Mode</h2>
            <p>Now: <Tag value={s.mode} /> {s.mode === 'shadow' ? 'The pipeline decides every ticket but nothing is executed or sent.' : 'Decisions are executed and replies sent.'}</p>
            {s.mode === 'shadow' ? (
              <a class="button primary" href="/settings/go-live">Go live…</a>
            ) : (
              <form method="post" action="/settings/mode">
                <Csrf c={c} />
                <input type="hidden" name="mode" value="shadow" />
                <input type="hidden" name="version" value={String(view.version)} />
                <button type="submit">Back to shadow mode</button>
              </form>
            )}
          </section>
          <section class="card" aria-labelledby="kill-h">
            <h2 id="kill-h">Kill switch</h2>
            <p>Organisation: <Tag value={s.killSwitch ? 'on' : 'off'} kind={s.killSwitch ? 'blocked' : 'executed'} /> · environment (GATEHOUSE_KILL_SWITCH): <Tag value={view.killSwitch.env ? 'on' : 'off'} kind={view.killSwitch.env ? 'blocked' : 'executed'} /></p>
            <form method="post" action="/settings/kill-switch">
              <Csrf c={c} />
              <input type="hidden" name="on" value={s.killSwitch ? '0' : '1'} />
              <button type="submit" class={s.killSwitch ? '' : 'danger'}>{s.killSwitch ? 'Turn the kill switch off (halted tickets resume)' : 'Stop all AI processing now'}</button>
            </form>
          </section>
        </div>
        <form method="post" action="/settings" class="settings" novalidate>
          <Csrf c={c} />
          <input type="hidden" name="version" value={String(view.version)} />
          {general && <FlashBox flash={{ kind: 'error', text: general.join('; ') }} />}
          {Object.keys(errors).length > 0 && <p class="flash error" role="alert" id="settings-errors">Not saved: {Object.values(errors).flat().length} problem(s), shown next to the fields.</p>}
          <SettingsFields values={values} errors={errors} />
          <p class="sticky-actions"><button type="submit" class="primary">Save settings</button></p>
        </form>
      </>
    ), { status });
  };

  app.get('/settings', session, async (c) => {
    const view = await load(c);
    return render(c, view, valuesOf(view.settings));
  });

  app.post('/settings', session, checkCsrf(), async (c) => {
    const view = await load(c);
    const form = await formValues(c);
    const { value, issues } = settingsFromForm(form, view.settings);
    if (issues.length) return render(c, view, form, errorsByField(issues), 400);
    const version = Number(form.version);
    const res = await api<SettingsView>(who(c), 'PUT', '/v1/settings', { settings: value, version: Number.isInteger(version) ? version : undefined });
    if (res.ok) {
      setFlash(c, { kind: 'ok', text: `Saved: version ${res.data.version}.` });
      return c.redirect('/settings', 303);
    }
    const list = res.error?.details?.issues ?? [{ field: res.error?.field ?? '', message: res.error?.message ?? 'not saved' }];
    const errors = res.error?.code === 'version_conflict' ? { '': [`Someone saved the settings meanwhile (now version ${String(res.error.details?.current ?? '?')}); reload the page and make your change again.`] } : errorsByField(list);
    return render(c, view, form, errors, res.status === 409 ? 409 : 400);
  });

  app.get('/settings/go-live', session, async (c) => {
    const view = await load(c);
    const report = await loadShadowReport(api, who(c));
    return page(c, 'Go live', 'settings', (
      <>
        <p><a href="/settings">← Settings</a></p>
        <h1>Go live?</h1>
        <p class="lede">This is what shadow mode saw. Once live, decisions that pass the gates execute — refunds, cancellations and exchanges happen in the store — and replies are sent.</p>
        <ShadowSummary report={report} />
        <form method="post" action="/settings/mode" class="card confirm">
          <Csrf c={c} />
          <input type="hidden" name="mode" value="live" />
          <input type="hidden" name="version" value={String(view.version)} />
          <div class="field bool">
            <input type="checkbox" id="confirm" name="confirm" value="yes" required />
            <label for="confirm">I have read the shadow report; execute decisions from now on.</label>
          </div>
          <button type="submit" class="danger">Go live</button> <a href="/settings">Stay in shadow mode</a>
        </form>
      </>
    ));
  });

  app.post('/settings/mode', session, checkCsrf(), async (c) => {
    const form = await formValues(c);
    const mode = form.mode === 'live' ? 'live' : 'shadow';
    if (mode === 'live' && form.confirm !== 'yes') {
      setFlash(c, { kind: 'error', text: 'Tick the confirmation to go live.' });
      return c.redirect('/settings/go-live', 303);
    }
    const view = await load(c);
    const version = Number(form.version);
    const res = await api<SettingsView>(who(c), 'PUT', '/v1/settings', { settings: { ...view.saved, mode }, version: Number.isInteger(version) ? version : undefined });
    setFlash(c, res.ok ? { kind: 'ok', text: mode === 'live' ? 'Live: decisions now execute.' : 'Back in shadow mode: nothing executes.' } : { kind: 'error', text: `Mode not changed: ${res.error?.message ?? 'refused'}` });
    return c.redirect('/settings', 303);
  });

  app.post('/settings/kill-switch', session, checkCsrf(), async (c) => {
    const form = await formValues(c);
    const on = form.on === '1';
    const res = await api<SettingsView>(who(c), 'POST', '/v1/settings/kill-switch', { on });
    setFlash(c, res.ok ? { kind: on ? 'error' : 'ok', text: on ? 'Kill switch on: all AI processing for this organisation is halted.' : 'Kill switch off: halted tickets are decided again.' } : { kind: 'error', text: `Kill switch not changed: ${res.error?.message ?? 'refused'}` });
    return c.redirect('/settings', 303);
  });
  return app;
}
