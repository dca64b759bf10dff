import { Hono } from 'hono';
import { withOrg } from '../../service/db/tenant.ts';
import { getSettings } from '../../service/repo/settings.ts';
import type { DashboardDeps, WebEnv } from '../deps.ts';
import { requireSession } from '../session.ts';
import { page } from '../render.tsx';
import { StackedBars, OUTCOME_SERIES, type Series } from '../charts.tsx';
import { dayRange, moneyPerDay, outcomesPerDay } from '../queries.ts';
import { money } from '../format.ts';
import { Tag } from '../layout.tsx';

const DAYS = 14;
const MONEY_SERIES: Series[] = [
  { key: 'auto', label: 'Auto-executed', color: '#1a7f37' },
  { key: 'would_auto', label: 'Would auto-execute (shadow)', color: '#0969da' },
  { key: 'held', label: 'Held for a person', color: '#9a6700' },
  { key: 'blocked', label: 'Blocked or rejected', color: '#cf222e' },
];

export function overviewRoutes(deps: DashboardDeps) {
  const app = new Hono<WebEnv>();
  app.get('/', requireSession(deps), async (c) => {
    const orgId = c.get('principal').orgId;
    const now = deps.ctx.now();
    const days = dayRange(now, DAYS);
    const since = new Date(Date.parse(`${days[0]}T00:00:00Z`)).toISOString();
    const data = await withOrg(deps.db, orgId, async (tx) => ({
      outcomes: await outcomesPerDay(tx, orgId, since),
      money: await moneyPerDay(tx, orgId, since),
      settings: await getSettings(tx, orgId),
    }));
    const s = data.settings.settings;
    // the currency with the most money moved is charted; others are listed under the chart
    const currencies = Object.keys(data.money);
    const sumOf = (cur: string, k: string) => Object.values(data.money[cur] ?? {}).reduce((sum, d) => sum + (d[k] ?? 0), 0);
    const currency = currencies.sort((a, b) => MONEY_SERIES.reduce((t, s) => t + sumOf(b, s.key), 0) - MONEY_SERIES.reduce((t, s) => t + sumOf(a, s.key), 0))[0] ?? 'USD';
    const total = (k: string) => sumOf(currency, k);
    const tickets = Object.values(data.outcomes).reduce((sum, d) => sum + Object.values(d).reduce((a, b) => a + b, 0), 0);
    return page(c, 'Overview', 'overview', (
      <>
        <h1>Overview</h1>
        <ul class="stats">
          <li class="card"><span class="label">Mode</span><Tag value={s.mode} /></li>
          <li class="card"><span class="label">Kill switch</span><Tag value={s.killSwitch || deps.ctx.env.killSwitch ? 'on' : 'off'} kind={s.killSwitch || deps.ctx.env.killSwitch ? 'blocked' : 'executed'} /></li>
          <li class="card"><span class="label">Tickets, {DAYS} days</span><strong>{tickets}</strong></li>
          <li class="card"><span class="label">Waiting for a person</span><a href="/approvals"><strong>{c.get('awaiting')}</strong></a></li>
          <li class="card"><span class="label">Auto-executed, {DAYS} days</span><strong>{money(total('auto'), currency)}</strong></li>
          <li class="card"><span class="label">Held for a person</span><strong>{money(total('held'), currency)}</strong></li>
        </ul>
        <section class="card">
          <h2>Outcomes per day</h2>
          <StackedBars id="chart-outcomes" title={`Ticket outcomes per day, last ${DAYS} days`} desc={`${tickets} tickets; in shadow mode the outcome shown is what would have happened.`}
            categories={days} series={OUTCOME_SERIES} values={data.outcomes} categoryLabel="Day (UTC)" />
        </section>
        <section class="card">
          <h2>Money: auto-executed versus held</h2>
          <StackedBars id="chart-money" title={`Action amounts per day in ${currency}, last ${DAYS} days`}
            desc={`Auto-executed ${money(total('auto'), currency)}, would auto-execute in shadow ${money(total('would_auto'), currency)}, held for a person ${money(total('held'), currency)}, blocked or rejected ${money(total('blocked'), currency)}.`}
            categories={days} series={MONEY_SERIES} values={data.money[currency] ?? {}} format={(n) => money(n, currency).replace(/\.00$/, '')} categoryLabel="Day (UTC)" />
          {currencies.length > 1 && <p class="muted">Also moved in {currencies.filter((x) => x !== currency).join(', ')}: see the audit log (currencies are never added together).</p>}
        </section>
      </>
    ));
  });
  return app;
}
