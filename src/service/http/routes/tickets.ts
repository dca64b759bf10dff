import { Hono } from 'hono';
import { withOrg } from '../../db/tenant.ts';
import { run } from '../../db/port.ts';
import { submitTicket } from '../../pipeline/submit.ts';
import { notFound } from '../../errors.ts';
import { getTicket, listTickets, plans as ticketPlans, type TicketRow } from '../../repo/tickets.ts';
import { actionsOfTicket, publicAction } from '../../repo/actions.ts';
import type { AppEnv, HttpDeps } from '../env.ts';
import type { RouteDoc } from '../openapi.ts';
import { jsonBody, queryOf } from '../validate.ts';
import { postTicketBody, ticketAccepted, ticketListQuery, ticketView, riskSignalBody } from '../schemas.ts';
import type { Queryable } from '../../db/port.ts';

export const ticketRoutes: RouteDoc[] = [
  { method: 'post', path: '/v1/tickets', summary: 'Submit a ticket (idempotent by ticket id); decided in the background', auth: 'any', body: postTicketBody, response: ticketAccepted, status: 202, errors: [409] },
  { method: 'get', path: '/v1/tickets', summary: 'Recent tickets, newest first', auth: 'any', query: ticketListQuery },
  { method: 'get', path: '/v1/tickets/:id', summary: "A ticket with its decision and actions", auth: 'any', response: ticketView, errors: [404] },
  { method: 'post', path: '/v1/risk-signals', summary: 'Record a risk signal for a customer (chargeback, fraud flag)', auth: 'any', body: riskSignalBody, status: 201 },
];

export async function ticketView_(q: Queryable, t: TicketRow) {
  return {
    id: t.id, status: t.status, outcome: t.outcome, wouldBe: t.wouldBe, intent: t.intent, confidence: t.confidence, customerId: t.customerId,
    ticket: t.payload.ticket, decision: t.decision as unknown as Record<string, unknown> | null,
    actions: (await actionsOfTicket(q, t.orgId, t.id)).map(publicAction), error: t.error, createdAt: t.createdAt, decidedAt: t.decidedAt,
  };
}

export function ticketsRouter({ ctx }: HttpDeps) {
  const app = new Hono<AppEnv>();

  app.post('/tickets', async (c) => {
    const body = await jsonBody(c, postTicketBody);
    const result = await submitTicket(ctx, c.get('principal').orgId, body);
    return c.json(result, result.duplicate ? 200 : 202, { Location: `/v1/tickets/${encodeURIComponent(result.id)}` });
  });

  app.get('/tickets', async (c) => {
    const q = queryOf(c, ticketListQuery);
    const orgId = c.get('principal').orgId;
    const items = await withOrg(ctx.db, orgId, async (tx) => {
      const rows = await listTickets(tx, orgId, { limit: q.limit, before: q.before ?? null, outcome: q.outcome ?? null });
      return rows.map((t) => ({ id: t.id, status: t.status, outcome: t.outcome, wouldBe: t.wouldBe, stoppedAt: t.stoppedGate, intent: t.intent, confidence: t.confidence, customerId: t.customerId, subject: t.payload.ticket.subject ?? '', from: t.payload.ticket.from ?? '', createdAt: t.createdAt, decidedAt: t.decidedAt }));
    });
    return c.json({ items });
  });

  app.get('/tickets/:id', async (c) => {
    const orgId = c.get('principal').orgId;
    const view = await withOrg(ctx.db, orgId, async (tx) => {
      const t = await getTicket(tx, orgId, c.req.param('id'));
      return t && ticketView_(tx, t);
    });
    if (!view) throw notFound('ticket');
    return c.json(view);
  });

  app.post('/risk-signals', async (c) => {
    const body = await jsonBody(c, riskSignalBody);
    const orgId = c.get('principal').orgId;
    const row = await withOrg(ctx.db, orgId, (tx) => run<{ id: string }>(tx, ticketPlans.insertRiskSignal(orgId, body)));
    return c.json({ id: row[0].id }, 201);
  });

  return app;
}
