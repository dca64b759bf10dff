import type { Queryable } from '../db/port.ts';
import { iso, json, num, one, run, sql } from '../db/port.ts';
import { ACTION_TYPES } from '../../tickets/settings.ts';
import type { Decision, HistoryEntry, ModelAnswer, RiskSignal } from '../../tickets/scenario.ts';
import type { OrgRecentActions } from '../../tickets/facts.ts';
import { storedSettings, type SettingsRow, type StoredSettings } from './settings.ts';

/**
 * The first executed action of each type: one probe per type on actions_executed_type (never a scan
 * of every action ever). Each probe names its type as a literal: with a type taken from a join, the
 * cached generic plan of the prepared statement walked the org's recent actions instead (66,867
 * rows examined per decision at 100,000 stored actions).
 */
export const FIRST_OF_EACH_TYPE = ACTION_TYPES.map(
  (t) => `(SELECT id, type, customer_id, order_id, amount, reason, status, created_at FROM actions
            WHERE org_id = $1 AND status = 'executed' AND type = '${t}' ORDER BY created_at LIMIT 1)`,
).join('\n           UNION ALL\n           ');

export interface TicketRow {
  orgId: string;
  id: string;
  payload: { ticket: Record<string, unknown>; model?: ModelAnswer | null };
  payloadHash: string;
  status: string;
  outcome: string | null;
  wouldBe: string | null;
  stoppedGate: string | null;
  intent: string | null;
  confidence: number | null;
  customerId: string | null;
  modelAnswer: ModelAnswer | null;
  decision: Decision | null;
  error: string | null;
  createdAt: string;
  decidedAt: string | null;
}

/**
 * The columns of the decision facts (plans.decisionFacts), for one customer. Shared with the batch
 * read (batch-facts.ts), so both read exactly the same facts. Parameters: $1 org, $3 window in days,
 * $4 now, $7 the in-flight read's start; the customer, the ticket and the order ids are expressions.
 */
export function factColumns(of: { customer: string; ticket: string; orderIds: string; firsts?: string; hours?: string }): string {
  const { customer, ticket, orderIds } = of;
  // a batch reads the org-wide parts once, as CTEs, rather than once per ticket
  const firsts = of.firsts ? `SELECT * FROM ${of.firsts}` : FIRST_OF_EACH_TYPE;
  const hours = of.hours ? `SELECT * FROM ${of.hours}` : HOUR_COUNTS;
  return `(SELECT coalesce(json_agg(acts), '[]') FROM (
             SELECT type, customer_id, order_id, amount, reason, created_at,
                    created_at > $4::timestamptz - interval '1 hour' AS in_hour, NULL::int AS hour_count FROM (
               SELECT id, type, customer_id, order_id, amount, reason, status, created_at FROM actions
                WHERE org_id = $1 AND ${customer} IS NOT NULL AND customer_id = ${customer} AND status IN ('executed', 'pending')
                  AND created_at > $4::timestamptz - make_interval(days => $3)
               UNION
               ${firsts}) hist
             UNION ALL
             SELECT type, NULL, NULL, NULL, NULL, NULL, NULL, hour_count FROM (${hours}) h) acts) AS actions,
          (SELECT coalesce(json_agg(t), '[]') FROM
             (SELECT intent, reason, created_at FROM tickets
               WHERE org_id = $1 AND ${customer} IS NOT NULL AND customer_id = ${customer} AND id <> ${ticket} AND lower(reason) = 'damaged'
                 AND created_at > $4::timestamptz - make_interval(days => $3)
               ORDER BY created_at DESC LIMIT 500) t) AS tickets,
          (SELECT coalesce(json_agg(r), '[]') FROM
             (SELECT customer_id, source, level, note, at FROM risk_signals WHERE org_id = $1 AND customer_id = ${customer}) r) AS risks,
          (SELECT coalesce(json_agg(f), '[]') FROM
             (SELECT a.order_id, a.type, a.amount FROM (SELECT DISTINCT unnest(${orderIds}) AS order_id) w
               JOIN actions a ON a.org_id = $1 AND a.order_id = w.order_id -- one index probe per order
               WHERE a.status = 'pending' OR (a.status = 'executed' AND a.executed_at >= $7::timestamptz)) f) AS inflight`;
}

/**
 * The org's count per action type over the hour before $4: rows (type, hour_count). Per type, as a
 * literal (an index range each): the whole minutes inside the hour (migration 009), the whole
 * seconds of the minute its edge cuts (007), and, exactly, the actions of the one second it cuts.
 * At most 60 + 59 rows a type, however busy the hour, and never another org's.
 */
export const HOUR_COUNTS = `SELECT type, sum(n)::int AS hour_count FROM (
               ${ACTION_TYPES.map((t) => `SELECT type, n FROM action_counts_minute
                WHERE org_id = $1 AND type = '${t}' AND minute > date_trunc('minute', $4::timestamptz - interval '1 hour')
               UNION ALL
               SELECT type, n FROM action_counts
                WHERE org_id = $1 AND type = '${t}' AND second > date_trunc('second', $4::timestamptz - interval '1 hour')
                  AND second < date_trunc('minute', $4::timestamptz - interval '1 hour') + interval '1 minute'`).join(`
               UNION ALL
               `)}
               UNION ALL
               SELECT type, 1 FROM actions
                WHERE org_id = $1 AND status IN ('executed', 'pending') AND created_at > $4::timestamptz - interval '1 hour'
                  AND created_at < date_trunc('second', $4::timestamptz - interval '1 hour') + interval '1 second') hour
              GROUP BY type`;

export const plans = {
  /**
   * The ticket and its job, unless one is stored under that id: then that one's status and hash.
   * One statement that scopes itself to the org (migration 008): run it outside a transaction.
   */
  submit: (orgId: string, id: string, payloadJson: string, hash: string, email: string | null, asAppRole: boolean) =>
    sql('SELECT queued, stored_status, stored_hash FROM gatehouse_submit_ticket($1, $2, $3::jsonb, $4, $5, $6)',
      orgId, id, payloadJson, hash, email, asAppRole),
  /** tickets with the org's current settings row beside each (`s_*` columns): one round trip for a job's (or a batch's) first read */
  getWithSettings: (orgId: string, ids: readonly string[]) =>
    sql(`SELECT t.*, s.version AS s_version, s.value AS s_value, s.created_at AS s_created_at, s.created_by AS s_created_by
           FROM tickets t
           LEFT JOIN LATERAL (SELECT version, value, created_at, created_by FROM settings WHERE org_id = $1 ORDER BY version DESC LIMIT 1) s ON true
          WHERE t.org_id = $1 AND t.id = ANY($2::text[])`, orgId, ids),
  get: (orgId: string, id: string) => sql('SELECT * FROM tickets WHERE org_id = $1 AND id = $2', orgId, id),
  list: (orgId: string, limit: number, before: string | null, outcome: string | null) =>
    sql(`SELECT org_id, id, payload, payload_hash, status, outcome, would_be, stopped_gate, intent, confidence, customer_id,
                NULL AS model_answer, NULL AS decision, error, created_at, decided_at
           FROM tickets WHERE org_id = $1 AND ($2::timestamptz IS NULL OR created_at < $2) AND ($3::text IS NULL OR outcome = $3)
          ORDER BY created_at DESC LIMIT $4`, orgId, before, outcome, limit),
  /**
   * Records the decision on a ticket still undecided (queued, or failed and retried): no row back
   * when another worker decided it first, so the statements built on it write nothing either.
   */
  recordDecision: (orgId: string, id: string, d: Decision, status: string, customerId: string | null, answer: ModelAnswer | null, reason: string | null, settingsVersion: number) =>
    sql(`UPDATE tickets SET status = $3, outcome = $4, would_be = $5, stopped_gate = $6, intent = $7, confidence = $8,
                decision = $9::jsonb, customer_id = $10, model_answer = $11::jsonb, reason = $12, settings_version = $13,
                decided_at = now(), error = NULL
          WHERE org_id = $1 AND id = $2 AND status IN ('queued', 'failed') RETURNING id, decision`,
      orgId, id, status, d.outcome, d.wouldBe, d.stoppedAt?.gate ?? null, d.intent, d.confidence, json(d), customerId,
      json(answer), reason, settingsVersion),
  // only an undecided ticket fails: a decided one with a pending execution stays decided (reconcile finishes it)
  fail: (orgId: string, id: string, error: string) => sql(`UPDATE tickets SET status = 'failed', error = $3 WHERE org_id = $1 AND id = $2 AND status = 'queued'`, orgId, id, error),
  insertDecision: (orgId: string, ticketId: string, kind: string, actor: string, d: Decision) =>
    sql('INSERT INTO decisions (org_id, ticket_id, kind, actor, outcome, decision) VALUES ($1, $2, $3, $4, $5, $6::jsonb)', orgId, ticketId, kind, actor, d.outcome, json(d)),
  /**
   * The same, once per row of `source` (a CTE), with the decision document `source` returns (the
   * ticket's update: the document is sent, and parsed, once).
   */
  insertDecisionFrom: (orgId: string, ticketId: string, kind: string, actor: string, outcome: string, source: string) =>
    sql(`INSERT INTO decisions (org_id, ticket_id, kind, actor, outcome, decision)
         SELECT $1::uuid, $2::text, $3::text, $4::text, $5::text, ${source}.decision FROM ${source}`, orgId, ticketId, kind, actor, outcome),
  listDecisions: (orgId: string, ticketId: string) =>
    sql('SELECT kind, actor, outcome, decision, created_at FROM decisions WHERE org_id = $1 AND ticket_id = $2 ORDER BY created_at', orgId, ticketId),
  /**
   * Everything the limits, abuse and risk gates read, in one statement (one round trip), as JSON:
   * `actions`: the customer's executed or pending actions in the window, the org's first executed
   * action of each type ever (first-time approval), and the org's count per type over the last hour
   * (rate limit; counted here from per-second counts, not loaded); `tickets`: the customer's damage claims in the window
   * (the only tickets a gate counts); `risks`: the customer's risk signals; `inflight`: what the org
   * is already moving on the orders `$6` (intents not yet confirmed, executions since `$7`).
   */
  decisionFacts: (orgId: string, customerId: string | null, ticketId: string, windowDays: number, now: string, inFlight?: { orderIds: string[]; since: string }) =>
    sql(`SELECT ${factColumns({ customer: '$2::text', ticket: '$5', orderIds: '$6::text[]' })}`,
      orgId, customerId, Math.ceil(windowDays), now, ticketId, inFlight?.orderIds ?? [], inFlight?.since ?? now),
  insertRiskSignal: (orgId: string, s: RiskSignal) =>
    sql('INSERT INTO risk_signals (org_id, customer_id, source, level, note, at) VALUES ($1, $2, $3, $4, $5, coalesce($6::timestamptz, now())) RETURNING id',
      orgId, s.customerId, s.source, s.level, s.note ?? null, s.at ?? null),
  /** once no action waits any more, the approval's decision becomes the ticket's current one */
  afterApproval: (orgId: string, id: string, d: Decision) =>
    sql(`UPDATE tickets SET outcome = $3, stopped_gate = $4, decision = $5::jsonb, decided_at = now()
          WHERE org_id = $1 AND id = $2
            AND NOT EXISTS (SELECT 1 FROM actions a WHERE a.org_id = $1 AND a.ticket_id = $2 AND a.status = 'awaiting_approval')`,
      orgId, id, d.outcome, d.stoppedAt?.gate ?? null, json(d)),
  haltedTickets: (orgId: string) => sql(`SELECT id FROM tickets WHERE org_id = $1 AND status = 'halted'`, orgId),
  /** per-second and per-minute action counts older than any window that reads them (all orgs: the worker's sweep) */
  sweepActionCounts: () => sql(`WITH seconds AS (DELETE FROM action_counts WHERE second < now() - interval '2 hours')
                                 DELETE FROM action_counts_minute WHERE minute < now() - interval '2 hours'`),
  requeue: (orgId: string, id: string) => sql(`UPDATE tickets SET status = 'queued' WHERE org_id = $1 AND id = $2`, orgId, id),
};

export function ticketRow(r: Record<string, unknown>): TicketRow {
  return {
    orgId: String(r.org_id), id: String(r.id), payload: r.payload as TicketRow['payload'], payloadHash: String(r.payload_hash),
    status: String(r.status), outcome: (r.outcome as string) ?? null, wouldBe: (r.would_be as string) ?? null,
    stoppedGate: (r.stopped_gate as string) ?? null, intent: (r.intent as string) ?? null, confidence: num(r.confidence),
    customerId: (r.customer_id as string) ?? null, modelAnswer: (r.model_answer as ModelAnswer) ?? null,
    decision: (r.decision as Decision) ?? null, error: (r.error as string) ?? null,
    createdAt: iso(r.created_at)!, decidedAt: iso(r.decided_at),
  };
}

export async function getTicket(q: Queryable, orgId: string, id: string): Promise<TicketRow | null> {
  const row = await one<Record<string, unknown>>(q, plans.get(orgId, id));
  return row && ticketRow(row);
}

/** A ticket and the org's current settings, read together. */
export async function getTicketWithSettings(q: Queryable, orgId: string, id: string): Promise<{ ticket: TicketRow; settings: StoredSettings } | null> {
  return (await getTicketsWithSettings(q, orgId, [id])).get(id) ?? null;
}

function withSettings(row: Record<string, unknown>): { ticket: TicketRow; settings: StoredSettings } {
  const settingsRow: SettingsRow | null = row.s_version === null || row.s_version === undefined
    ? null
    : { version: Number(row.s_version), value: row.s_value as Record<string, unknown>, created_at: row.s_created_at, created_by: (row.s_created_by as string) ?? null };
  return { ticket: ticketRow(row), settings: storedSettings(settingsRow) };
}

/** Tickets and the org's current settings, by id (absent ids are not in the map). */
export async function getTicketsWithSettings(q: Queryable, orgId: string, ids: readonly string[]): Promise<Map<string, { ticket: TicketRow; settings: StoredSettings }>> {
  const rows = await run<Record<string, unknown>>(q, plans.getWithSettings(orgId, ids));
  return new Map(rows.map((row) => [String(row.id), withSettings(row)]));
}

export async function listTickets(q: Queryable, orgId: string, opts: { limit?: number; before?: string | null; outcome?: string | null } = {}) {
  const rows = await run<Record<string, unknown>>(q, plans.list(orgId, Math.min(opts.limit ?? 50, 500), opts.before ?? null, opts.outcome ?? null));
  return rows.map(ticketRow);
}

export async function listDecisions(q: Queryable, orgId: string, ticketId: string) {
  const rows = await run<Record<string, unknown>>(q, plans.listDecisions(orgId, ticketId));
  return rows.map((r) => ({ kind: String(r.kind), actor: String(r.actor), outcome: String(r.outcome), decision: r.decision as Decision, at: iso(r.created_at) }));
}

type Row = Record<string, unknown>;

/** The history and risk signals a decision needs, from the org's own records, in one round trip. */
export async function loadDecisionFacts(
  q: Queryable, orgId: string, ticketId: string, customerId: string | null, windowDays: number, now: string,
  inFlight?: { orderIds: string[]; since: string },
): Promise<DecisionFacts> {
  const row = (await one<FactRow>(q, plans.decisionFacts(orgId, customerId, ticketId, windowDays, now, inFlight)))!;
  return decisionFactsOf(row, customerId, now);
}

/** The columns `factColumns` reads, as they arrive. */
export interface FactRow {
  actions: Row[];
  tickets: Row[];
  risks: Row[];
  inflight: Row[];
}

export function decisionFactsOf(row: FactRow, customerId: string | null, now: string): DecisionFacts {
  return {
    ...historyOf(row.actions, customerId ? row.tickets : [], customerId, now),
    riskSignals: customerId ? row.risks.map(riskSignalOf) : [],
    inFlight: row.inflight.map((r) => ({ orderId: String(r.order_id), type: String(r.type), amount: num(r.amount) ?? 0 })),
  };
}

export interface DecisionFacts {
  history: HistoryEntry[];
  /** the org's other actions of the last hour, counted in SQL, not loaded: decide() takes them as DecideDeps.orgRecentActions */
  orgRecentActions: OrgRecentActions;
  riskSignals: RiskSignal[];
  /** actions in flight on the orders asked about (none when none were asked) */
  inFlight: Array<{ orderId: string; type: string; amount: number }>;
}

/** Pending intents count as executed: they are reserved. */
/**
 * An executed (or reserved) action as a history entry. Rows recorded a moment after `now` (another
 * ticket's intent, or a database clock slightly ahead) are history all the same: clamped to `now` so
 * the gates count them. Shared with the batch's in-memory effects (BatchEffects).
 */
export function actionEntry(a: { type: string; customerId: string | null; orderId: string | null; amount: number | null; reason: string | null; createdAt: string }, now: string): HistoryEntry {
  return {
    kind: 'action', type: a.type as 'refund', customerId: a.customerId, orderId: a.orderId, amount: a.amount, reason: a.reason,
    status: 'executed', at: a.createdAt > now ? now : a.createdAt,
  };
}

/** A damage claim (a ticket with its reason) as a history entry, clamped like actionEntry. */
export function ticketEntry(t: { customerId: string; intent: string | null; reason: string | null; createdAt: string }, now: string): HistoryEntry {
  return { kind: 'ticket', customerId: t.customerId, intent: t.intent, reason: t.reason, at: t.createdAt > now ? now : t.createdAt };
}

function historyOf(actions: Row[], tickets: Row[], customerId: string | null, now: string): Pick<DecisionFacts, 'history' | 'orgRecentActions'> {
  const out: HistoryEntry[] = [];
  const hourCount = new Map<string, number>();
  for (const a of actions) {
    const type = a.type as 'refund';
    if (a.hour_count !== null && a.hour_count !== undefined) {
      hourCount.set(type, (hourCount.get(type) ?? 0) + Number(a.hour_count));
      continue;
    }
    if (a.in_hour === true) hourCount.set(type, (hourCount.get(type) ?? 0) - 1);
    out.push(actionEntry({
      type, customerId: (a.customer_id as string) ?? null, orderId: (a.order_id as string) ?? null,
      amount: num(a.amount), reason: (a.reason as string) ?? null, createdAt: iso(a.created_at)!,
    }, now));
  }
  // The org's other actions of the last hour are counted in SQL, not loaded (the rate limit only
  // counts them, first-time approval only reads their types): their count goes to decide() as is.
  const orgRecentActions: Partial<Record<string, number>> = {};
  for (const [type, extra] of hourCount) if (extra > 0) orgRecentActions[type] = extra;
  if (customerId) {
    for (const t of tickets) out.push(ticketEntry({ customerId, intent: (t.intent as string) ?? null, reason: (t.reason as string) ?? null, createdAt: iso(t.created_at)! }, now));
  }
  return { history: out, orgRecentActions };
}

const riskSignalOf = (r: Row): RiskSignal => ({ customerId: String(r.customer_id), source: String(r.source), level: r.level as RiskSignal['level'], note: (r.note as string) ?? null, at: iso(r.at) });
