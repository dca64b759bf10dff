// Calls: the service stores no business configuration, QA report or call records yet, so this
// page checks a configuration on demand: validated by the calls schema, then the pre-launch QA
// suite (`gatehouse calls qa`) runs on it and its pass/fail per check is shown. Nothing is saved.
import { existsSync, readFileSync } from 'node:fs';
import { Hono, type Context } from 'hono';
import type { DashboardDeps, WebEnv } from '../deps.ts';
import { checkCsrf, requireSession } from '../session.ts';
import { page, Csrf } from '../render.tsx';
import { parseBusinessConfig, type BusinessConfig } from '../../calls/config.ts';
import { runQa, playSample, type QaReport } from '../../calls/qa/run.ts';
import { buildSamples } from '../../calls/qa/samples.ts';
import { defaultGuardrailSettings } from '../../guardrails/settings.ts';
import type { CallResult } from '../../calls/result.ts';
import { InputError } from '../../errors.ts';
import { FieldError, Tag } from '../layout.tsx';
import { words } from '../format.ts';

const EXAMPLE = new URL('../../../examples/calls/business.json', import.meta.url);
const example = () => (existsSync(EXAMPLE) ? readFileSync(EXAMPLE, 'utf8') : '');

function ConfigView({ config }: { config: BusinessConfig }) {
  const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
  return (
    <section class="card">
      <h2>{config.business.name}</h2>
      <dl class="facts">
        <div><dt>Time zone</dt><dd>{config.business.timezone}</dd></div>
        <div><dt>Categories</dt><dd>{config.categories.map((c) => c.label).join(', ')}</dd></div>
        <div><dt>Service area</dt><dd>{config.serviceArea.zipCodes.join(', ')}</dd></div>
        <div><dt>Hours</dt><dd>{days.map((d) => `${d} ${config.hours[d].join(', ') || 'closed'}`).join(' · ')}{config.hours.holidays.length ? ` · holidays ${config.hours.holidays.join(', ')}` : ''}</dd></div>
        <div><dt>Asks for</dt><dd>{config.intakeFields.join(', ')}</dd></div>
        <div><dt>After hours</dt><dd>{words(config.afterHours)}</dd></div>
        <div><dt>Summaries go to</dt><dd>{config.recipients.map((r) => `${r.name ?? r.id} (${r.gets.join(', ')})`).join('; ')}</dd></div>
      </dl>
    </section>
  );
}

function QaView({ report }: { report: QaReport }) {
  return (
    <section class="card" aria-labelledby="qa-h">
      <h2 id="qa-h">QA report: <Tag value={report.passed ? 'passed' : 'failed'} kind={report.passed ? 'executed' : 'blocked'} /></h2>
      <p>{report.totals.calls} sample calls, {report.totals.checks} checks, <strong>{report.totals.failed} failed</strong>. {report.passed ? 'The configuration may go live.' : 'A business cannot go live until every check passes.'}</p>
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">Checks per sample call</caption>
          <thead><tr><th scope="col">Sample call</th><th scope="col">Disposition</th><th scope="col">Checks</th></tr></thead>
          <tbody>
            {report.calls.map((call) => (
              <tr>
                <td><strong>{call.id}</strong><div class="small">{call.purpose}</div></td>
                <td>{words(call.disposition)}</td>
                <td>
                  {call.checks.some((c) => !c.passed) && (
                    <ul class="checks">
                      {call.checks.filter((c) => !c.passed).map((c) => <li class="fail"><span class="sev hard">fail</span> {c.check}{c.detail ? `: ${c.detail}` : ''}</li>)}
                    </ul>
                  )}
                  <details>
                    <summary>{call.checks.filter((c) => c.passed).length} of {call.checks.length} checks passed</summary>
                    <ul class="checks">
                      {call.checks.filter((c) => c.passed).map((c) => <li class="pass"><span class="sev ok">pass</span> {c.check}</li>)}
                    </ul>
                  </details>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** What each sample call would send the business: its summary and who gets it. */
function Summaries({ results }: { results: CallResult[] }) {
  return (
    <section class="card" aria-labelledby="sum-h">
      <h2 id="sum-h">Call summaries of the sample calls</h2>
      <p class="muted">What the recipients would receive after each QA sample call.</p>
      {results.map((r) => (
        <details>
          <summary>{r.callId}: {words(r.disposition)}{r.hazards.length ? ` (${r.hazards.map(words).join(', ')})` : ''} → {r.summary.recipients.join(', ') || 'nobody'}</summary>
          <pre class="summary">{r.summary.text}</pre>
        </details>
      ))}
    </section>
  );
}

export function callsRoutes(deps: DashboardDeps) {
  const app = new Hono<WebEnv>();
  const session = requireSession(deps);
  const render = (c: Context<WebEnv>, text: string, result: { config?: BusinessConfig; report?: QaReport; summaries?: CallResult[]; errors?: string[] } = {}, status = 200) =>
    page(c, 'Calls', 'calls', (
      <>
        <h1>Calls</h1>
        <p class="lede">Phone intake for a home-service business. Paste its business configuration to check it and run the pre-launch QA suite (the same as <code>gatehouse calls qa</code>), with the summary each sample call would send. The service does not store configurations, QA reports or real calls yet, so nothing here is saved.</p>
        {result.config && <ConfigView config={result.config} />}
        {result.report && <QaView report={result.report} />}
        {result.summaries && <Summaries results={result.summaries} />}
        <form method="post" action="/calls/check" class="card">
          <Csrf c={c} />
          <div class={`field json${result.errors ? ' invalid' : ''}`}>
            <label for="s-config">Business configuration (JSON)</label>
            <textarea id="s-config" name="config" rows={14} spellcheck={false} aria-invalid={result.errors ? 'true' : undefined} aria-describedby={result.errors ? 's-config-error' : undefined}>{text}</textarea>
            <FieldError id="s-config" messages={result.errors} />
          </div>
          <p><button type="submit" class="primary">Check and run QA</button></p>
        </form>
      </>
    ), { status });

  app.get('/calls', session, (c) => render(c, example()));
  app.post('/calls/check', session, checkCsrf(), async (c) => {
    const text = String((await c.req.parseBody()).config ?? '').slice(0, 200_000);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      return render(c, text, { errors: [`not valid JSON: ${(error as Error).message}`] }, 400);
    }
    try {
      const config = parseBusinessConfig(value);
      const reference = deps.ctx.now().toISOString().slice(0, 10);
      const summaries = buildSamples(config, reference).map((sample) => playSample({ config, guardrails: defaultGuardrailSettings }, sample));
      return render(c, text, { config, report: runQa(config, { reference }), summaries });
    } catch (error) {
      if (error instanceof InputError) return render(c, text, { errors: error.issues.map((i) => `${i.field || '(root)'}: ${i.message}`) }, 400);
      throw error;
    }
  });
  return app;
}
