import { createHash } from 'node:crypto';
import type { Queryable } from '../db/port.ts';
import { iso, json, num, one, run, sql } from '../db/port.ts';
import type { DecidedAction } from '../../tickets/scenario.ts';

export interface ActionRow {
  id: string;
  orgId: string;
  ticketId: string;
  idx: number;
  type: DecidedAction['type'];
  orderId: string;
  customerId: string | null;
  amount: number;
  currency: string;
  params: { lineItemId?: string; newSku?: string };
  status: string;
  gate: string | null;
  reason: string | null;
  note: string | null;
  idempotencyKey: string;
  storeResult: unknown;
  decidedBy: string | null;
  approvedBy: string | null;
  rejectedBy: string | null;
  createdAt: string;
  updatedAt: string;
  executedAt: string | null;
}

/** Deterministic per org, ticket and position: a retried or resumed execution reuses it. */
export function idempotencyKey(orgId: string, ticketId: string, idx: number): string {
  return 'gh1_' + createHash('sha256').update(`${orgId}\u0000${ticketId}\u0000${idx}`).digest('hex').slice(0, 40);
}

export const plans = {
  /** an action (a `pending` one is the intent, with its idempotency key), once per row of `source` (a CTE): the inserted row comes back whole */
  insertFrom: (orgId: string, ticketId: string, idx: number, a: DecidedAction, status: string, customerId: string | null, gate: string | null, note: string | null, by: string, source: string) =>
    sql(`INSERT INTO actions (org_id, ticket_id, idx, type, order_id, customer_id, amount, currency, params, status, gate, reason, note, idempotency_key, decided_by)
         SELECT $1::uuid, $2::text, $3::int, $4::text, $5::text, $6::text, $7::numeric, $8::text, $9::jsonb, $10::text, $11::text, $12::text, $13::text, $14::text, $15::text
           FROM ${source}
         ON CONFLICT (org_id, ticket_id, idx) DO NOTHING RETURNING *`,
      orgId, ticketId, idx, a.type, a.orderId, customerId, a.amount, a.currency,
      json({ lineItemId: a.lineItemId, newSku: a.newSku }), status, gate, a.reason ?? null, note, idempotencyKey(orgId, ticketId, idx), by),
  get: (orgId: string, id: string, lock = false) =>
    sql(`SELECT * FROM actions WHERE org_id = $1 AND id = $2::uuid${lock ? ' FOR UPDATE' : ''}`, orgId, id),
  byTicket: (orgId: string, ticketId: string) => sql('SELECT * FROM actions WHERE org_id = $1 AND ticket_id = $2 ORDER BY idx', orgId, ticketId),
  pendingOfTicket: (orgId: string, ticketId: string) =>
    sql(`SELECT * FROM actions WHERE org_id = $1 AND ticket_id = $2 AND status = 'pending' ORDER BY idx`, orgId, ticketId),
  /** every intent recorded but not confirmed, all orgs: reconciled at start-up */
  allPending: () => sql(`SELECT org_id, ticket_id FROM actions WHERE status = 'pending' GROUP BY org_id, ticket_id`),
  awaiting: (orgId: string, limit: number) =>
    sql(`SELECT a.*, t.payload->'ticket'->>'subject' AS subject, t.payload->'ticket'->>'from' AS ticket_from, t.stopped_gate AS ticket_gate,
                t.decision->'stoppedAt'->>'reason' AS wait_reason, t.intent, t.confidence
           FROM actions a JOIN tickets t ON t.org_id = a.org_id AND t.id = a.ticket_id
          WHERE a.org_id = $1 AND a.status = 'awaiting_approval' ORDER BY a.created_at LIMIT $2`, orgId, limit),
  countAwaiting: (orgId: string) => sql(`SELECT count(*)::int AS n FROM actions WHERE org_id = $1 AND status = 'awaiting_approval'`, orgId),
  setStatus: (orgId: string, id: string, status: string, fields: { note?: string | null; gate?: string | null; approvedBy?: string | null; rejectedBy?: string | null; storeResult?: unknown }) =>
    sql(`UPDATE actions SET status = $3, note = coalesce($4, note), gate = coalesce($5, gate), approved_by = coalesce($6, approved_by),
                rejected_by = coalesce($7, rejected_by), store_result = coalesce($8::jsonb, store_result), updated_at = now(),
                executed_at = CASE WHEN $3 = 'executed' THEN now() ELSE executed_at END
          WHERE org_id = $1 AND id = $2::uuid`,
      orgId, id, status, fields.note ?? null, fields.gate ?? null, fields.approvedBy ?? null, fields.rejectedBy ?? null,
      fields.storeResult === undefined ? null : json(fields.storeResult)),
};

export function actionRow(r: Record<string, unknown>): ActionRow {
  return {
    id: String(r.id), orgId: String(r.org_id), ticketId: String(r.ticket_id), idx: Number(r.idx), type: r.type as ActionRow['type'],
    orderId: String(r.order_id), customerId: (r.customer_id as string) ?? null, amount: num(r.amount)!, currency: String(r.currency),
    params: (r.params as ActionRow['params']) ?? {}, status: String(r.status), gate: (r.gate as string) ?? null,
    reason: (r.reason as string) ?? null, note: (r.note as string) ?? null, idempotencyKey: String(r.idempotency_key),
    storeResult: r.store_result ?? null, decidedBy: (r.decided_by as string) ?? null, approvedBy: (r.approved_by as string) ?? null,
    rejectedBy: (r.rejected_by as string) ?? null, createdAt: iso(r.created_at)!, updatedAt: iso(r.updated_at)!, executedAt: iso(r.executed_at),
  };
}

/** The API's view of an action: never the idempotency key's internals beyond the key itself. */
export function publicAction(a: ActionRow) {
  const { orgId: _org, ...rest } = a;
  return rest;
}

export const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

export async function getAction(q: Queryable, orgId: string, id: string, lock = false): Promise<ActionRow | null> {
  if (!isUuid(id)) return null;
  const row = await one<Record<string, unknown>>(q, plans.get(orgId, id, lock));
  return row && actionRow(row);
}

export async function actionsOfTicket(q: Queryable, orgId: string, ticketId: string): Promise<ActionRow[]> {
  return (await run<Record<string, unknown>>(q, plans.byTicket(orgId, ticketId))).map(actionRow);
}

export async function pendingOfTicket(q: Queryable, orgId: string, ticketId: string): Promise<ActionRow[]> {
  return (await run<Record<string, unknown>>(q, plans.pendingOfTicket(orgId, ticketId))).map(actionRow);
}

export async function listAwaiting(q: Queryable, orgId: string, limit = 100) {
  const rows = await run<Record<string, unknown>>(q, plans.awaiting(orgId, limit));
  return rows.map((r) => ({
    ...publicAction(actionRow(r)),
    ticket: { subject: (r.subject as string) ?? '', from: (r.ticket_from as string) ?? '', intent: (r.intent as string) ?? null, confidence: num(r.confidence) },
    waitingBecause: { gate: (r.ticket_gate as string) ?? null, reason: (r.wait_reason as string) ?? null },
  }));
}

export async function countAwaiting(q: Queryable, orgId: string): Promise<number> {
  return (await one<{ n: number }>(q, plans.countAwaiting(orgId)))!.n;
}

export async function setActionStatus(q: Queryable, orgId: string, id: string, status: string, fields: Parameters<typeof plans.setStatus>[3] = {}) {
  await run(q, plans.setStatus(orgId, id, status, fields));
}
