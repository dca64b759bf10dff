import { Hono } from 'hono';
import { stream } from 'hono/streaming';
import { withOrg } from '../../db/tenant.ts';
import { listAudit, type AuditFilter } from '../../repo/audit.ts';
import type { AppEnv, HttpDeps } from '../env.ts';
import type { RouteDoc } from '../openapi.ts';
import { queryOf } from '../validate.ts';
import { auditQuery } from '../schemas.ts';

export const auditRoutes: RouteDoc[] = [
  { method: 'get', path: '/v1/audit', summary: 'The audit log, newest first; filter by type, status, date, customer, ticket; `format=jsonl` exports everything that matches', auth: 'any', query: auditQuery },
];

const PAGE = 1000;

export function auditRouter({ ctx }: HttpDeps) {
  const app = new Hono<AppEnv>();
  app.get('/audit', async (c) => {
    const q = queryOf(c, auditQuery);
    const orgId = c.get('principal').orgId;
    const filter: AuditFilter = { type: q.type, status: q.status, customer: q.customer, ticketId: q.ticket, from: q.from, to: q.to, before: q.before, limit: q.limit };
    if (q.format !== 'jsonl') {
      const items = await withOrg(ctx.db, orgId, (tx) => listAudit(tx, orgId, filter));
      const next = items.length === (q.limit ?? 100) ? items[items.length - 1]?.id : null;
      return c.json({ items, next: next ?? null });
    }
    // Export: page through by id (keyset), one short transaction per page, streamed as JSON Lines.
    c.header('Content-Type', 'application/x-ndjson; charset=utf-8');
    c.header('Content-Disposition', 'attachment; filename="gatehouse-audit.jsonl"');
    return stream(c, async (out) => {
      let before = q.before;
      let left = q.limit ?? Number.POSITIVE_INFINITY;
      for (;;) {
        const page = await withOrg(ctx.db, orgId, (tx) => listAudit(tx, orgId, { ...filter, before, limit: Math.min(PAGE, left) }));
        if (page.length) await out.write(page.map((e) => JSON.stringify(e)).join('\n') + '\n');
        left -= page.length;
        if (page.length < PAGE || left <= 0) break;
        before = page[page.length - 1].id;
      }
    });
  });
  return app;
}
