import { Hono } from 'hono';
import { withOrg } from '../../service/db/tenant.ts';
import { getTicket, listDecisions } from '../../service/repo/tickets.ts';
import { ticketPage } from '../queries.ts';
import { actionsOfTicket } from '../../service/repo/actions.ts';
import { listAudit } from '../../service/repo/audit.ts';
import { getSettings } from '../../service/repo/settings.ts';
import { guard } from '../../guardrails/index.ts';
import type { Decision, TraceEntry } from '../../tickets/scenario.ts';
import type { DashboardDeps, WebEnv } from '../deps.ts';
import { requireSession } from '../session.ts';
import { page } from '../render.tsx';
import { gateLabel, percent, when, words, money } from '../format.ts';
import { Tag } from '../layout.tsx';
import { ActionLine, HighlightedReply, Outcome } from './parts.tsx';

const OUTCOMES = ['executed', 'awaiting_approval', 'needs_review', 'blocked', 'short_circuited', 'halted', 'shadow'];
const PAGE = 50;

export function inboxRoutes(deps: DashboardDeps) {
  const app = new Hono<WebEnv>();
  const session = requireSession(deps);

  app.get('/inbox', session, async (c) => {
    const orgId = c.get('principal').orgId;
    const outcome = OUTCOMES.includes(c.req.query('outcome') ?? '') ? c.req.query('outcome')! : null;
    const beforeRaw = c.req.query('before');
    const before = beforeRaw && !Number.isNaN(Date.parse(beforeRaw)) ? new Date(beforeRaw).toISOString() : null;
    const rows = await withOrg(deps.db, orgId, async (tx) => {
      const ids = await ticketPage(tx, orgId, PAGE, before, outcome);
      const list = await Promise.all(ids.map(async (id) => ({ t: await getTicket(tx, orgId, id), actions: await actionsOfTicket(tx, orgId, id) })));
      return list.filter((x): x is { t: NonNullable<typeof x.t>; actions: typeof x.actions } => x.t !== null);
    });
    const older = rows.length === PAGE ? rows[rows.length - 1].t.createdAt : null;
    return page(c, 'Inbox', 'inbox', (
      <>
        <h1>Inbox</h1>
        <form method="get" action="/inbox" class="filters" aria-label="Filter tickets">
          <label for="f-outcome">Outcome (in shadow mode: would be)</label>
          <select id="f-outcome" name="outcome">
            <option value="">All</option>
            {OUTCOMES.map((o) => <option value={o} selected={o === outcome}>{words(o)}</option>)}
          </select>
          <button type="submit">Filter</button>
        </form>
        {rows.length === 0 ? <p class="empty">No tickets yet. Send one with <code>POST /v1/tickets</code>.</p> : (
          <ul class="tickets">
            {rows.map(({ t, actions }) => {
              const reply = t.decision?.reply;
              return (
                <li class="card ticket-row">
                  <div class="row-head">
                    <a href={`/tickets/${encodeURIComponent(t.id)}`} class="subject">{String(t.payload.ticket.subject || '(no subject)')}</a>
                    <Outcome outcome={t.outcome ?? t.status} wouldBe={t.wouldBe} />
                  </div>
                  <p class="meta">
                    {String(t.payload.ticket.from ?? '')} · {when(t.createdAt)} · intent <strong>{words(t.intent)}</strong> · confidence <strong>{percent(t.confidence)}</strong>
                    {t.stoppedGate && <> · stopped at <strong>{gateLabel(t.stoppedGate)}</strong></>}
                  </p>
                  {actions.length > 0 && <ul class="actions">{actions.map((a) => <ActionLine a={a} />)}</ul>}
                  {reply?.text && <p class="reply-preview"><Tag value={reply.status} /> {reply.text.length > 180 ? reply.text.slice(0, 180) + '…' : reply.text}</p>}
                </li>
              );
            })}
          </ul>
        )}
        {older && <p><a href={`/inbox?before=${encodeURIComponent(older)}${outcome ? `&outcome=${outcome}` : ''}`}>Older tickets →</a></p>}
      </>
    ));
  });

  app.get('/tickets/:id', session, async (c) => {
    const orgId = c.get('principal').orgId;
    const id = c.req.param('id');
    const data = await withOrg(deps.db, orgId, async (tx) => {
      const t = await getTicket(tx, orgId, id);
      if (!t) return null;
      return { t, actions: await actionsOfTicket(tx, orgId, id), decisions: await listDecisions(tx, orgId, id), audit: await listAudit(tx, orgId, { ticketId: id, limit: 200 }), settings: (await getSettings(tx, orgId)).settings };
    });
    if (!data) return page(c, 'Ticket not found', 'inbox', <><h1>Ticket not found</h1><p><a href="/inbox">Back to the inbox</a></p></>, { status: 404 });
    const { t, actions, decisions, audit, settings } = data;
    const d = t.decision;
    const draft = t.modelAnswer?.reply ?? null;
    // The run stopped before the output guardrails: show what they find with today's settings, so
    // whoever approves reads the reply as the gate will judge it (the gate itself runs on approval).
    const checked = d?.trace.some((e) => e.gate === 'output_guardrails') ?? false;
    const preview = draft && !checked ? guard(draft, settings.guardrails, { kind: 'reply', intent: t.intent ?? undefined }) : null;
    return page(c, `Ticket ${t.id}`, 'inbox', (
      <>
        <p><a href="/inbox">← Inbox</a></p>
        <h1>{String(t.payload.ticket.subject || '(no subject)')}</h1>
        <p class="meta">Ticket {t.id} · from {String(t.payload.ticket.from ?? '')} · {when(t.createdAt)} · <Outcome outcome={t.outcome ?? t.status} wouldBe={t.wouldBe} /></p>
        <div class="grid2">
          <section class="card">
            <h2>Message</h2>
            <p class="body">{String(t.payload.ticket.body ?? '')}</p>
            <p class="meta">Intent <strong>{words(t.intent)}</strong> · confidence <strong>{percent(t.confidence)}</strong>{d?.entities?.orderIds?.length ? <> · orders named: {d.entities.orderIds.map((o) => `#${o}`).join(', ')}</> : null}</p>
          </section>
          <section class="card">
            <h2>Proposed actions</h2>
            {actions.length ? <ul class="actions">{actions.map((a) => <ActionLine a={a} />)}</ul> : <p class="muted">No actions proposed.</p>}
            {actions.some((a) => a.status === 'awaiting_approval') && <p><a href="/approvals" class="button">Decide in the approvals queue</a></p>}
          </section>
        </div>
        <section class="card">
          <h2>Gate trace</h2>
          {d ? <Timeline decision={d} /> : <p class="muted">{t.status === 'failed' ? `Not decided: ${t.error ?? 'failed'}` : 'Not decided yet.'}</p>}
        </section>
        <section class="card">
          <h2>Reply</h2>
          {draft ? (
            <>
              <p class="meta">Draft by the model; status <Tag value={d?.reply.status ?? 'none'} /></p>
              {preview && <p class="flash info">The ticket stopped before the output guardrails; this is what they find in the draft with the current settings (verdict: {preview.verdict}).</p>}
              <HighlightedReply text={draft} findings={preview ? preview.findings : d?.reply.findings ?? []} />
              {d?.reply.text && d.reply.text !== draft && (
                <>
                  <h3>As it would be sent</h3>
                  <p class="reply-text">{d.reply.text}</p>
                </>
              )}
            </>
          ) : <p class="muted">No reply drafted.</p>}
        </section>
        {decisions.length > 1 && (
          <section class="card">
            <h2>Decisions</h2>
            <ol>{decisions.map((x) => <li>{when(x.at)} · {words(x.kind)} by {x.actor}: <Tag value={x.outcome} /></li>)}</ol>
          </section>
        )}
        <section class="card">
          <h2>Audit entries</h2>
          <AuditMini entries={audit} />
          <p><a href={`/audit?ticket=${encodeURIComponent(t.id)}`}>Open in the audit log</a></p>
        </section>
      </>
    ));
  });
  return app;
}

const VERDICT_TEXT: Record<string, string> = { pass: 'passed', skip: 'skipped', review: 'sent to a person for review', approve: 'asked for approval', block: 'blocked', short_circuit: 'short-circuited', halt: 'halted' };

/** The gates in order: which passed, which stopped the ticket and why, with the rule conditions that held. */
export function Timeline({ decision }: { decision: Decision }) {
  const stopped = decision.stoppedAt?.gate;
  return (
    <ol class="timeline">
      {decision.trace.map((e: TraceEntry) => {
        const held = (e.details?.conditionsHeld as Array<Record<string, unknown>> | undefined) ?? [];
        return (
          <li class={`step v-${e.verdict}${e.gate === stopped ? ' stopped' : ''}`}>
            <span class="dot" aria-hidden="true"></span>
            <div>
              <strong>{gateLabel(e.gate)}</strong> <span class="verdict">{VERDICT_TEXT[e.verdict] ?? e.verdict}</span>
              {e.gate === stopped && <span class="tag t-stop"> stopped here</span>}
              {e.reason && <p class="reason">{e.reason}</p>}
              {typeof e.details?.approvedBy === 'string' && (
                <p class="reason approved">Approved by {String(e.details.approvedBy)}{e.details.approvalWasNeeded ? ` (${String(e.details.approvalWasNeeded)})` : ''}</p>
              )}
              {held.length > 0 && (
                <ul class="held" aria-label="Rule conditions that held">
                  {held.map((h) => (
                    <li><code>{`${h.negated ? 'not ' : ''}${h.fact}${h.path ? String(h.path).slice(1) : ''} ${h.operator} ${JSON.stringify(h.value)}`}</code> (was <code>{JSON.stringify(h.factValue)}</code>)</li>
                  ))}
                </ul>
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
}

export function AuditMini({ entries }: { entries: Array<{ id: number; at: string | null; event: string; status: string | null; actor: string; amount: number | null; currency: string | null }> }) {
  if (!entries.length) return <p class="muted">No audit entries.</p>;
  return (
    <div class="table-wrap">
      <table>
        <thead><tr><th scope="col">When</th><th scope="col">Event</th><th scope="col">Status</th><th scope="col">Actor</th><th scope="col">Amount</th></tr></thead>
        <tbody>
          {entries.map((e) => <tr><td>{when(e.at)}</td><td>{e.event}</td><td>{words(e.status)}</td><td>{e.actor}</td><td>{e.amount === null ? '—' : money(e.amount, e.currency ?? 'USD')}</td></tr>)}
        </tbody>
      </table>
    </div>
  );
}
