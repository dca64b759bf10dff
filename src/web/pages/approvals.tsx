import { Hono, type Context } from 'hono';
import type { Order } from '../../tickets/scenario.ts';
import type { ApiCall } from '../api.ts';
import type { DashboardDeps, WebEnv } from '../deps.ts';
import { checkCsrf, requireSession, setFlash, takeFlash, wantsJson, type Flash } from '../session.ts';
import { page, Csrf } from '../render.tsx';
import { gateLabel, money, percent, when, words } from '../format.ts';
import { FlashBox } from '../layout.tsx';

export interface AwaitingItem {
  id: string;
  ticketId: string;
  type: string;
  orderId: string;
  customerId: string | null;
  amount: number;
  currency: string;
  note: string | null;
  gate: string | null;
  createdAt: string;
  params?: { lineItemId?: string; newSku?: string };
  ticket: { subject: string; from: string; intent: string | null; confidence: number | null };
  waitingBecause: { gate: string | null; reason: string | null };
}

const who = (c: Context<WebEnv>) => ({ principal: c.get('principal'), sessionToken: c.get('sessionToken') });

async function loadQueue(deps: DashboardDeps, api: ApiCall, c: Context<WebEnv>) {
  const res = await api<{ count: number; items: AwaitingItem[] }>(who(c), 'GET', '/v1/approvals');
  if (!res.ok) throw new Error(`the approvals queue could not be loaded: ${res.error?.code} ${res.error?.message}`);
  const items = res.data?.items ?? [];
  const store = await deps.ctx.storeFor(c.get('principal').orgId);
  // The order as the store has it now: what a person checks before saying yes.
  const orders = new Map<string, Order | null>();
  for (const id of new Set(items.map((i) => i.orderId))) orders.set(id, await store.getOrder(id).catch(() => null));
  return { count: res.data?.count ?? 0, items, orders };
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const ageDays = (iso: string) => Math.floor((Date.now() - Date.parse(iso)) / 86_400_000);

export function ApprovalItem({ item, order, csrf, flash }: { item: AwaitingItem; order: Order | null | undefined; csrf: string; flash?: Flash | null }) {
  const headingId = `ap-${item.id}`;
  const seen = (
    <>
      <input type="hidden" name="_csrf" value={csrf} />
      <input type="hidden" name="orderId" value={item.orderId} />
      <input type="hidden" name="amount" value={String(item.amount)} />
      <input type="hidden" name="type" value={item.type} />
    </>
  );
  return (
    <li class="card approval" id={`item-${item.id}`} aria-labelledby={headingId} data-action-id={item.id}>
      {flash && <FlashBox flash={flash} />}
      <h2 id={headingId} class="approval-title">
        {capital(words(item.type))} <span class="amount">{money(item.amount, item.currency)}</span> on order #{item.orderId}
      </h2>
      <p class="why"><strong>Waiting because:</strong> {gateLabel(item.waitingBecause.gate ?? item.gate)}: {item.waitingBecause.reason ?? item.note ?? 'a person must decide'}</p>
      <dl class="facts">
        <div><dt>Ticket</dt><dd><a href={`/tickets/${encodeURIComponent(item.ticketId)}`}>{item.ticket.subject || item.ticketId}</a></dd></div>
        <div><dt>Customer</dt><dd>{item.ticket.from || item.customerId || '—'}</dd></div>
        <div><dt>Intent</dt><dd>{words(item.ticket.intent)} ({percent(item.ticket.confidence)})</dd></div>
        {item.type === 'exchange' && item.params?.newSku && <div><dt>Exchange</dt><dd>line {item.params.lineItemId} → {item.params.newSku}</dd></div>}
        {order ? (
          <>
            <div><dt>Order total</dt><dd>{money(order.totalPrice, order.currency)}</dd></div>
            <div><dt>Already refunded</dt><dd>{money(order.refundedAmount, order.currency)}</dd></div>
            <div><dt>Placed</dt><dd>{when(order.createdAt)} ({ageDays(order.createdAt)} days ago)</dd></div>
            <div><dt>Status</dt><dd>{words(order.financialStatus)}, {words(order.fulfillmentStatus)}{order.cancelledAt ? ', cancelled' : ''}</dd></div>
            {order.lineItems.length > 0 && <div><dt>Items</dt><dd>{order.lineItems.map((l) => `${l.quantity} × ${l.title ?? l.sku ?? l.id} (${money(l.price, order.currency)})`).join('; ')}</dd></div>}
          </>
        ) : <div><dt>Order</dt><dd>not found in the store</dd></div>}
      </dl>
      <div class="decide">
        <form method="post" action={`/approvals/${item.id}/approve`} data-enhance="approval">
          {seen}
          <button type="submit" class="primary">Approve {money(item.amount, item.currency)}</button>
        </form>
        <form method="post" action={`/approvals/${item.id}/reject`} data-enhance="approval" class="reject">
          {seen}
          <label for={`reason-${item.id}`}>Reason for rejecting</label>
          <input id={`reason-${item.id}`} name="reason" required maxlength={2000} placeholder="e.g. outside the return window" />
          <button type="submit" class="danger">Reject</button>
        </form>
      </div>
    </li>
  );
}

export function approvalsRoutes(deps: DashboardDeps, api: ApiCall) {
  const app = new Hono<WebEnv>();
  const session = requireSession(deps);

  app.get('/approvals', session, async (c) => {
    const { items, orders } = await loadQueue(deps, api, c);
    const flash = takeFlash(c);
    const general = flash && (!flash.ref || !items.some((i) => i.id === flash.ref)) ? { ...flash, ref: undefined } : null;
    return page(c, 'Approvals', 'approvals', (
      <>
        <h1>Approvals <span class="count" id="approvals-count">({items.length} waiting)</span></h1>
        <p class="lede">Each action waits for a person. Approving re-checks the order, the refundable amount and the limits before anything executes; the approval is for exactly the amount and order shown.</p>
        <div id="approvals-status" class="visually-hidden" role="status" aria-live="polite"></div>
        {items.length === 0 ? <p class="empty">Nothing is waiting for a person.</p> : (
          <ul class="approvals">
            {items.map((i) => <ApprovalItem item={i} order={orders.get(i.orderId)} csrf={c.get('csrf')} flash={flash?.ref === i.id ? flash : null} />)}
          </ul>
        )}
      </>
    ), { flash: general });
  });

  const decide = (kind: 'approve' | 'reject') => async (c: Context<WebEnv>) => {
    const id = c.req.param('id')!;
    const form = await c.req.parseBody();
    const seen = { orderId: String(form.orderId ?? ''), amount: Number(form.amount), type: form.type ? String(form.type) : undefined };
    const body = kind === 'approve' ? seen : { reason: String(form.reason ?? ''), orderId: seen.orderId, amount: seen.amount };
    const res = await api<{ action: { status: string; type: string; orderId: string; amount: number; currency: string; note: string | null } }>(who(c), 'POST', `/v1/approvals/${encodeURIComponent(id)}/${kind}`, body);
    let flash: Flash;
    if (res.ok) {
      const a = res.data.action;
      const what = `${words(a.type)} of ${money(a.amount, a.currency)} on order #${a.orderId}`;
      flash = kind === 'approve' ? { kind: 'ok', text: `Approved the ${what}: ${words(a.status)}.` } : { kind: 'ok', text: `Rejected the ${what}.` };
    } else if (res.error?.code === 'approval_mismatch') {
      const now = (res.error.details?.action ?? {}) as { type?: string; orderId?: string; amount?: number; currency?: string };
      flash = { kind: 'error', ref: id, text: `This action changed since you saw it: it is now ${words(now.type ?? seen.type ?? 'an action')} of ${money(now.amount ?? null, now.currency ?? 'USD')} on order #${now.orderId ?? '?'}. Nothing was done; check it and decide again.` };
    } else {
      flash = { kind: 'error', ref: id, text: `Not ${kind === 'approve' ? 'approved' : 'rejected'}: ${res.error?.message ?? 'the service refused'}` };
    }
    if (!wantsJson(c)) {
      setFlash(c, flash);
      return c.redirect(flash.ref ? `/approvals#item-${id}` : '/approvals', 303);
    }
    // The page's script: the item's fresh state (or none when it left the queue) and the new count.
    const { count, items, orders } = await loadQueue(deps, api, c);
    const item = items.find((i) => i.id === id);
    const html = item ? String(<ApprovalItem item={item} order={orders.get(item.orderId)} csrf={c.get('csrf')} flash={flash} />) : null;
    return c.json({ ok: res.ok, code: res.error?.code ?? null, message: flash.text, count, html }, res.ok ? 200 : (res.status as 409));
  };
  app.post('/approvals/:id/approve', session, checkCsrf(), decide('approve'));
  app.post('/approvals/:id/reject', session, checkCsrf(), decide('reject'));
  return app;
}
