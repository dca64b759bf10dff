import { Hono } from 'hono';
import type { ApiCall } from '../api.ts';
import type { DashboardDeps, WebEnv } from '../deps.ts';
import type { AuditEntry } from '../../service/repo/audit.ts';
import { requireSession } from '../session.ts';
import { page } from '../render.tsx';
import { money, percent, when, words, gateLabel } from '../format.ts';
import { FlashBox } from '../layout.tsx';

const TYPES = ['refund', 'cancel', 'exchange', 'ticket', 'settings', 'auth', 'api_key'];
const STATUSES = ['executed', 'pending', 'awaiting_approval', 'blocked', 'rejected', 'would_execute', 'not_run', 'shadow', 'needs_review', 'short_circuited', 'halted', 'ok'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface AuditForm {
  type: string;
  status: string;
  from: string;
  to: string;
  customer: string;
  ticket: string;
}

/** The form's values as the API's query: dates are whole UTC days, `to` inclusive. */
export function auditQuery(f: AuditForm, extra: Record<string, string> = {}): URLSearchParams {
  const q = new URLSearchParams();
  if (f.type) q.set('type', f.type);
  if (f.status) q.set('status', f.status);
  if (f.customer) q.set('customer', f.customer);
  if (f.ticket) q.set('ticket', f.ticket);
  if (DATE.test(f.from)) q.set('from', `${f.from}T00:00:00Z`);
  if (DATE.test(f.to)) q.set('to', new Date(Date.parse(`${f.to}T00:00:00Z`) + 86_400_000).toISOString());
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return q;
}

export function auditRoutes(deps: DashboardDeps, api: ApiCall) {
  const app = new Hono<WebEnv>();
  app.get('/audit', requireSession(deps), async (c) => {
    const str = (k: string) => (c.req.query(k) ?? '').trim().slice(0, 200);
    const f: AuditForm = { type: str('type'), status: str('status'), from: str('from'), to: str('to'), customer: str('customer'), ticket: str('ticket') };
    const before = /^\d+$/.test(str('before')) ? str('before') : '';
    const q = auditQuery(f, before ? { before, limit: '100' } : { limit: '100' });
    const res = await api<{ items: AuditEntry[]; next: number | null }>({ principal: c.get('principal') }, 'GET', `/v1/audit?${q}`);
    const items = res.ok ? res.data.items : [];
    const exportQ = auditQuery(f, { format: 'jsonl' });
    // the next page keeps the form's own values (dates as typed) plus the keyset cursor
    const nextQ = res.ok && res.data.next ? new URLSearchParams([...Object.entries(f).filter(([, v]) => v), ['before', String(res.data.next)]]) : null;
    return page(c, 'Audit log', 'audit', (
      <>
        <h1>Audit log</h1>
        <form method="get" action="/audit" class="filters" aria-label="Filter the audit log">
          <div><label for="a-type">Action type</label>
            <select id="a-type" name="type"><option value="">All</option>{TYPES.map((t) => <option value={t} selected={t === f.type}>{words(t)}</option>)}</select></div>
          <div><label for="a-status">Status</label>
            <select id="a-status" name="status"><option value="">All</option>{STATUSES.map((t) => <option value={t} selected={t === f.status}>{words(t)}</option>)}</select></div>
          <div><label for="a-from">From</label><input id="a-from" type="date" name="from" value={f.from} /></div>
          <div><label for="a-to">To</label><input id="a-to" type="date" name="to" value={f.to} /></div>
          <div><label for="a-customer">Customer id</label><input id="a-customer" name="customer" value={f.customer} placeholder="cus_…" /></div>
          <div><label for="a-ticket">Ticket id</label><input id="a-ticket" name="ticket" value={f.ticket} /></div>
          <div class="buttons"><button type="submit">Filter</button> <a href="/audit">Clear</a></div>
        </form>
        <p><a class="button" href={`/v1/audit?${exportQ}`} download="gatehouse-audit.jsonl">Export JSON Lines</a> <span class="muted">(everything that matches the filters)</span></p>
        {!res.ok && <FlashBox flash={{ kind: 'error', text: `${res.error?.field ? res.error.field + ': ' : ''}${res.error?.message ?? 'could not load the audit log'}` }} />}
        {items.length === 0 ? <p class="empty">No entries match.</p> : (
          <div class="table-wrap">
            <table class="audit">
              <caption class="visually-hidden">Audit entries, newest first</caption>
              <thead><tr><th scope="col">When</th><th scope="col">Event</th><th scope="col">Status</th><th scope="col">Actor</th><th scope="col">Tool</th><th scope="col">Amount</th><th scope="col">Gate</th><th scope="col">Confidence</th><th scope="col">Ticket</th><th scope="col">Customer</th></tr></thead>
              <tbody>
                {items.map((e) => (
                  <tr>
                    <td>{when(e.at)}</td><td>{e.event}</td><td>{words(e.status)}</td><td>{e.actor}</td><td>{e.tool ?? '—'}</td>
                    <td class="num">{e.amount === null ? '—' : money(e.amount, e.currency ?? 'USD')}</td><td>{e.gate ? gateLabel(e.gate) : '—'}</td>
                    <td class="num">{percent(e.confidence)}</td>
                    <td>{e.ticketId ? <a href={`/tickets/${encodeURIComponent(e.ticketId)}`}>{e.ticketId}</a> : '—'}</td>
                    <td>{e.customerId ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {nextQ && <p><a href={`/audit?${nextQ}`}>Older entries →</a></p>}
      </>
    ));
  });
  return app;
}
