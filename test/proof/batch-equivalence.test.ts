// The worker decides several of one org's tickets in one transaction (a batch). Property: a batch
// decides exactly what the same tickets decided one by one, in the same order, would: every
// outcome, gate, action status and amount, under tight caps that earlier tickets use up. A batch reads
// every ticket's facts at its start: tickets of other customers see the org's counts moved by what
// the batch executed before them; tickets of the same customer, or on an order already moved, read again.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { api, describeEngines, makeOrg, type TestService } from '../helpers/service.ts';
import { customer, order } from '../helpers/fixtures.ts';
import { startWorker } from '../../src/service/worker.ts';

const CUSTOMERS = [0, 1, 2, 3, 4, 5].map((i) => customer(`eq${i}`, `eq${i}@example.com`));
const ORDERS = CUSTOMERS.flatMap((c, i) => [order(String(5000 + 2 * i), String(c.id), 100), order(String(5001 + 2 * i), String(c.id), 60)]);
const SETTINGS = {
  mode: 'live',
  limits: { orgActionsPerHour: 3, customerActions: 1, customerWindowDays: 30 },
};

type Ticket = { who: number; own: boolean; second: boolean; kind: string; amount: number };
// mostly the customer's own orders and small refunds, so that tickets execute and the caps bind
const ticketArb: fc.Arbitrary<Ticket> = fc.record({
  who: fc.integer({ min: 0, max: CUSTOMERS.length - 1 }),
  own: fc.constantFrom(true, true, true, true, false),
  second: fc.boolean(),
  kind: fc.constantFrom('refund', 'refund', 'refund', 'cancel', 'question'),
  amount: fc.integer({ min: 5, max: 45 }),
});

function body(i: number, t: Ticket) {
  const orderId = ORDERS[((t.own ? t.who : t.who + 1) % CUSTOMERS.length) * 2 + (t.second ? 1 : 0)].id;
  const from = `eq${t.who}@example.com`;
  const ticket = { id: `eq-${i}`, from, subject: `Order #${orderId}`, body: `About my order #${orderId}, please help.` };
  if (t.kind === 'question') return { ticket, model: { intent: 'order_status', confidence: 0.95, actions: [], reply: 'Hi, it has shipped.' } };
  const action = t.kind === 'refund' ? { type: 'refund', orderId, amount: t.amount, reason: 'damaged' } : { type: 'cancel', orderId, reason: 'changed mind' };
  return { ticket, model: { intent: t.kind === 'refund' ? 'refund_request' : 'cancel_order', confidence: 0.95, actions: [action], reply: 'Hi, done.' } };
}

async function decideAll(svc: TestService, tickets: Ticket[], batch: number, firstTimeApproval: boolean) {
  const org = await makeOrg(svc, { settings: { ...SETTINGS, firstTimeApproval }, customers: CUSTOMERS, orders: ORDERS, login: false });
  for (const [i, t] of tickets.entries()) expect((await api(svc, 'POST', '/v1/tickets', { as: org.key, body: body(i, t) })).status).toBe(202);
  const worker = startWorker(svc.ctx, { concurrency: 1, pollMs: 60_000, batch });
  await worker.idle();
  await worker.stop();
  const rows = await svc.db.executeSql<{ id: string; status: string; outcome: string; gate: string | null; actions: unknown }>(
    `SELECT t.id, t.status, t.outcome, t.stopped_gate AS gate,
            (SELECT coalesce(json_agg(json_build_array(a.type, a.status, a.amount::float8) ORDER BY a.idx), '[]') FROM actions a
              WHERE a.org_id = t.org_id AND a.ticket_id = t.id) AS actions
       FROM tickets t WHERE t.org_id = $1 ORDER BY t.created_at, t.id`, [org.orgId]);
  return rows.rows;
}

describeEngines('batch equivalence', (svc) => {
  it('a batch of one org\'s tickets decides exactly what one-by-one decides', async () => {
    await svc().worker.stop(); // only the workers started here run
    await fc.assert(fc.asyncProperty(fc.array(ticketArb, { minLength: 6, maxLength: 14 }), fc.boolean(), async (tickets, firstTimeApproval) => {
      const alone = await decideAll(svc(), tickets, 1, firstTimeApproval);
      const batched = await decideAll(svc(), tickets, 8, firstTimeApproval);
      expect(alone.every((t) => t.status === 'decided')).toBe(true);
      expect(batched).toEqual(alone);
    }), { numRuns: 12 });
  }, 120_000);
});
