import { Hono, type Context } from 'hono';
import type { ApiCall } from '../api.ts';
import type { DashboardDeps, WebEnv } from '../deps.ts';
import type { Principal } from '../../service/repo/accounts.ts';
import { withOrg } from '../../service/db/tenant.ts';
import { getSettings } from '../../service/repo/settings.ts';
import { resolveSettings } from '../../tickets/settings.ts';
import { InputError } from '../../errors.ts';
import { checkCsrf, requireSession } from '../session.ts';
import { page, Csrf } from '../render.tsx';
import { HBars, OUTCOME_SERIES } from '../charts.tsx';
import { gateLabel, moneyMap, when, words } from '../format.ts';
import { Tag } from '../layout.tsx';
import { errorsByField, settingsFromForm, valuesOf, type FormValues } from '../settings-form.ts';
import { SettingsFields } from './settings-fields.tsx';
import { formValues } from './settings.tsx';
import { whatIf, WHAT_IF_LIMIT, type WhatIfResult, type Summary } from '../whatif.ts';

export interface ShadowReport {
  period: { from: string | null; to: string | null };
  tickets: number;
  outcomes: Record<string, number>;
  gates: Record<string, Record<string, number>>;
  actions: Record<string, Record<string, number>>;
  money: { wouldExecute: Record<string, number>; wouldAwaitApproval: Record<string, number>; wouldBlock: Record<string, number> };
}

export async function loadShadowReport(api: ApiCall, who: { principal: Principal }): Promise<ShadowReport | null> {
  const res = await api<ShadowReport>(who, 'GET', '/v1/reports/shadow');
  return res.ok ? res.data : null;
}

const colorOf = (outcome: string) => OUTCOME_SERIES.find((s) => s.key === outcome)?.color;

/** Outcomes per gate and the money that would have moved. */
export function ShadowSummary({ report }: { report: ShadowReport | null }) {
  if (!report) return <p class="flash error" role="alert">The shadow report could not be loaded.</p>;
  if (!report.tickets) return <p class="empty">No tickets were decided in shadow mode yet.</p>;
  const gateRows = Object.entries(report.gates).flatMap(([gate, outcomes]) =>
    Object.entries(outcomes).map(([outcome, n]) => ({ label: `${gate === 'none' ? 'No gate stopped it' : gateLabel(gate)} → ${words(outcome)}`, value: n, color: colorOf(outcome) })),
  ).sort((a, b) => b.value - a.value);
  return (
    <>
      <p class="meta">{report.tickets} tickets from {when(report.period.from)} to {when(report.period.to)}</p>
      <ul class="stats">
        <li class="card"><span class="label">Would have executed automatically</span><strong>{moneyMap(report.money.wouldExecute)}</strong></li>
        <li class="card"><span class="label">Would have waited for a person</span><strong>{moneyMap(report.money.wouldAwaitApproval)}</strong></li>
        <li class="card"><span class="label">Would have been blocked</span><strong>{moneyMap(report.money.wouldBlock)}</strong></li>
      </ul>
      <section class="card">
        <h2>Outcomes per gate</h2>
        <HBars id="chart-gates" title="Shadow tickets by the gate that stopped them and the outcome it would have had" desc={`${report.tickets} tickets in shadow mode.`} rows={gateRows} />
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">Shadow outcomes per gate</caption>
            <thead><tr><th scope="col">Gate that stopped it</th><th scope="col">Would be</th><th scope="col">Tickets</th></tr></thead>
            <tbody>{gateRows.map((r) => { const [g, o] = r.label.split(' → '); return <tr><td>{g}</td><td>{o}</td><td class="num">{r.value}</td></tr>; })}</tbody>
          </table>
        </div>
      </section>
    </>
  );
}

function SummaryCell({ s }: { s: Summary }) {
  return (
    <>
      <Tag value={s.outcome} />
      {s.stoppedAt && <div class="small">{gateLabel(s.stoppedAt)}</div>}
      {s.actions.length > 0 && <div class="small">{s.actions.join('; ')}</div>}
    </>
  );
}

function WhatIfResults({ result }: { result: WhatIfResult }) {
  const changed = result.replayed.filter((r) => r.changed);
  return (
    <section class="card" id="what-if-result" aria-labelledby="wi-h" tabindex={-1}>
      <h2 id="wi-h">What would change</h2>
      <p>
        {result.replayed.length} tickets replayed{result.skipped ? `, ${result.skipped} skipped (no recorded model answer)` : ''}: <strong>{changed.length} would be decided differently</strong>.
        Money that would execute automatically: {moneyMap(result.totals.before)} now → <strong>{moneyMap(result.totals.after)}</strong> with the edits.
      </p>
      {changed.length > 0 && (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">Tickets decided differently</caption>
            <thead><tr><th scope="col">Ticket</th><th scope="col">Current settings</th><th scope="col">Edited settings</th></tr></thead>
            <tbody>
              {changed.map((r) => (
                <tr>
                  <td><a href={`/tickets/${encodeURIComponent(r.ticketId)}`}>{r.subject || r.ticketId}</a></td>
                  <td><SummaryCell s={r.before} /></td>
                  <td><SummaryCell s={r.after} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function shadowRoutes(deps: DashboardDeps, api: ApiCall) {
  const app = new Hono<WebEnv>();
  const session = requireSession(deps);

  const render = async (c: Context<WebEnv>, values: FormValues | null, opts: { errors?: Record<string, string[]>; result?: WhatIfResult; status?: number } = {}) => {
    const report = await loadShadowReport(api, { principal: c.get('principal') });
    const orgId = c.get('principal').orgId;
    const current = await withOrg(deps.db, orgId, (tx) => getSettings(tx, orgId));
    return page(c, 'Shadow report', 'shadow', (
      <>
        <h1>Shadow report</h1>
        <p class="lede">What the pipeline would have done while the organisation was in shadow mode. Mode now: <Tag value={current.settings.mode} />{current.settings.mode === 'shadow' && <> · <a href="/settings/go-live">Go live…</a></>}</p>
        <ShadowSummary report={report} />
        {opts.result && <WhatIfResults result={opts.result} />}
        <form method="post" action="/shadow/what-if" class="settings">
          <Csrf c={c} />
          <h2>What if?</h2>
          <p>Edit any setting below to replay the latest {WHAT_IF_LIMIT} stored tickets (with their recorded model answers) under both the current and the edited settings. Nothing is saved or executed.</p>
          <SettingsFields values={values ?? valuesOf(current.settings)} errors={opts.errors} />
          <p class="sticky-actions"><button type="submit" class="primary">Replay the tickets</button></p>
        </form>
      </>
    ), { status: opts.status });
  };

  app.get('/shadow', session, (c) => render(c, null));

  app.post('/shadow/what-if', session, checkCsrf(), async (c) => {
    const orgId = c.get('principal').orgId;
    const current = (await withOrg(deps.db, orgId, (tx) => getSettings(tx, orgId))).settings;
    const form = await formValues(c);
    const { value, issues } = settingsFromForm(form, current);
    if (issues.length) return render(c, form, { errors: errorsByField(issues), status: 400 });
    let edited;
    try {
      edited = resolveSettings(value);
    } catch (error) {
      if (error instanceof InputError) return render(c, form, { errors: errorsByField(error.under('settings').issues), status: 400 });
      throw error;
    }
    const result = await whatIf(deps, orgId, current, edited);
    return render(c, form, { result });
  });
  return app;
}
