import type { Queryable } from '../db/port.ts';
import { iso, json, num, run, sql, type SqlPlan } from '../db/port.ts';

/** One audit entry: every action executed, blocked or pending, and every change people make. */
export interface AuditInput {
  type: string;
  event: string;
  status?: string | null;
  actor: string;
  tool?: string | null;
  ticketId?: string | null;
  actionId?: string | null;
  customerId?: string | null;
  amount?: number | null;
  currency?: string | null;
  gate?: string | null;
  confidence?: number | null;
  input?: unknown;
  output?: unknown;
}

export interface AuditFilter {
  type?: string;
  status?: string;
  customer?: string;
  ticketId?: string;
  from?: string;
  to?: string;
  /** entries older than this id (pagination, newest first) */
  before?: number;
  limit?: number;
}

export const plans = {
  insert: (orgId: string, e: AuditInput): SqlPlan =>
    sql(
      `INSERT INTO audit_log (org_id, type, event, status, actor, tool, ticket_id, action_id, customer_id, amount, currency, gate, confidence, input, output)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::jsonb, $15::jsonb)`,
      orgId, e.type, e.event, e.status ?? null, e.actor, e.tool ?? null, e.ticketId ?? null, e.actionId ?? null,
      e.customerId ?? null, e.amount ?? null, e.currency ?? null, e.gate ?? null, e.confidence ?? null,
      json(e.input ?? null), json(e.output ?? null),
    ),
  /**
   * The same entry, written once per row of `source` (a CTE that RETURNING id of the row just
   * inserted or updated): no row there, no entry. Lets a write and its audit entry be one statement.
   */
  insertFrom: (orgId: string, e: Omit<AuditInput, 'actionId'>, source: string): SqlPlan =>
    sql(
      `INSERT INTO audit_log (org_id, type, event, status, actor, tool, ticket_id, action_id, customer_id, amount, currency, gate, confidence, input, output)
       SELECT $1::uuid, $2::text, $3::text, $4::text, $5::text, $6::text, $7::text, ${source}.id, $8::text, $9::numeric, $10::text, $11::text,
              $12::float8, $13::jsonb, $14::jsonb FROM ${source}`,
      orgId, e.type, e.event, e.status ?? null, e.actor, e.tool ?? null, e.ticketId ?? null,
      e.customerId ?? null, e.amount ?? null, e.currency ?? null, e.gate ?? null, e.confidence ?? null,
      json(e.input ?? null), json(e.output ?? null),
    ),
  /**
   * Several entries as one INSERT, each written once per row of its `source` CTE (no row, no entry;
   * `actionId`: the entry takes the source row's id as its action id), in the order given: the
   * ids, and so the log's order, follow the list.
   */
  insertEach: (orgId: string, entries: ReadonlyArray<{ entry: Omit<AuditInput, 'actionId'>; source: string; actionId: boolean }>): SqlPlan => {
    const values: unknown[] = [orgId];
    const p = (v: unknown) => `$${values.push(v)}`;
    const rows = entries.map(({ entry: e, source, actionId }, ord) =>
      `SELECT ${ord} AS ord, ${p(e.type)}::text AS type, ${p(e.event)}::text AS event, ${p(e.status ?? null)}::text AS status, ${p(e.actor)}::text AS actor,
              ${p(e.tool ?? null)}::text AS tool, ${p(e.ticketId ?? null)}::text AS ticket_id, ${actionId ? `${source}.id` : 'NULL::uuid'} AS action_id,
              ${p(e.customerId ?? null)}::text AS customer_id, ${p(e.amount ?? null)}::numeric AS amount, ${p(e.currency ?? null)}::text AS currency,
              ${p(e.gate ?? null)}::text AS gate, ${p(e.confidence ?? null)}::float8 AS confidence, ${p(json(e.input ?? null))}::jsonb AS input,
              ${p(json(e.output ?? null))}::jsonb AS output FROM ${source}`);
    return {
      text: `INSERT INTO audit_log (org_id, type, event, status, actor, tool, ticket_id, action_id, customer_id, amount, currency, gate, confidence, input, output)
       SELECT $1::uuid, type, event, status, actor, tool, ticket_id, action_id, customer_id, amount, currency, gate, confidence, input, output
         FROM (${rows.join('\n         UNION ALL ')}) e ORDER BY ord`,
      values,
    };
  },
  list: (orgId: string, f: AuditFilter): SqlPlan => {
    const where = ['org_id = $1'];
    const values: unknown[] = [orgId];
    const add = (clause: string, value: unknown) => {
      values.push(value);
      where.push(clause.replace('?', `$${values.length}`));
    };
    if (f.type) add('type = ?', f.type);
    if (f.status) add('status = ?', f.status);
    if (f.customer) add('customer_id = ?', f.customer);
    if (f.ticketId) add('ticket_id = ?', f.ticketId);
    if (f.from) add('at >= ?::timestamptz', f.from);
    if (f.to) add('at < ?::timestamptz', f.to);
    if (f.before) add('id < ?', f.before);
    values.push(Math.min(f.limit ?? 100, 1000));
    return {
      text: `SELECT * FROM audit_log WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT $${values.length}`,
      values,
    };
  },
};

export async function appendAudit(q: Queryable, orgId: string, entry: AuditInput): Promise<void> {
  await run(q, plans.insert(orgId, entry));
}

export function auditRow(r: Record<string, unknown>) {
  return {
    id: Number(r.id),
    at: iso(r.at),
    type: r.type as string,
    event: r.event as string,
    status: (r.status as string) ?? null,
    actor: r.actor as string,
    tool: (r.tool as string) ?? null,
    ticketId: (r.ticket_id as string) ?? null,
    actionId: (r.action_id as string) ?? null,
    customerId: (r.customer_id as string) ?? null,
    amount: num(r.amount),
    currency: (r.currency as string) ?? null,
    gate: (r.gate as string) ?? null,
    confidence: num(r.confidence),
    input: r.input ?? null,
    output: r.output ?? null,
  };
}
export type AuditEntry = ReturnType<typeof auditRow>;

export async function listAudit(q: Queryable, orgId: string, filter: AuditFilter): Promise<AuditEntry[]> {
  return (await run<Record<string, unknown>>(q, plans.list(orgId, filter))).map(auditRow);
}
