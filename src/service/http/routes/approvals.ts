import { Hono } from 'hono';
import { withOrg } from '../../db/tenant.ts';
import { countAwaiting, listAwaiting } from '../../repo/actions.ts';
import { approveAction, rejectAction } from '../../pipeline/approvals.ts';
import type { AppEnv, HttpDeps } from '../env.ts';
import type { RouteDoc } from '../openapi.ts';
import { jsonBody } from '../validate.ts';
import { approveBody, rejectBody } from '../schemas.ts';

export const approvalRoutes: RouteDoc[] = [
  { method: 'get', path: '/v1/approvals', summary: 'Actions waiting for a person, oldest first, with the count', auth: 'any' },
  { method: 'post', path: '/v1/approvals/:actionId/approve', summary: 'Approve the action exactly as shown (order and amount); re-checked, then executed once', auth: 'any', body: approveBody, errors: [404, 409] },
  { method: 'post', path: '/v1/approvals/:actionId/reject', summary: 'Reject a waiting action with a reason', auth: 'any', body: rejectBody, errors: [404, 409] },
];

export function approvalsRouter({ ctx }: HttpDeps) {
  const app = new Hono<AppEnv>();
  app.get('/approvals', async (c) => {
    const orgId = c.get('principal').orgId;
    const result = await withOrg(ctx.db, orgId, async (tx) => ({ count: await countAwaiting(tx, orgId), items: await listAwaiting(tx, orgId, 200) }));
    return c.json(result);
  });
  app.post('/approvals/:actionId/approve', async (c) => {
    const body = await jsonBody(c, approveBody);
    return c.json({ action: await approveAction(ctx, c.get('principal'), c.req.param('actionId'), body) });
  });
  app.post('/approvals/:actionId/reject', async (c) => {
    const body = await jsonBody(c, rejectBody);
    const seen = body.orderId !== undefined && body.amount !== undefined ? { orderId: body.orderId, amount: body.amount } : undefined;
    return c.json({ action: await rejectAction(ctx, c.get('principal'), c.req.param('actionId'), body.reason, seen) });
  });
  return app;
}
