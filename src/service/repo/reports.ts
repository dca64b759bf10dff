import type { Queryable } from '../db/port.ts';
import { iso, num, run, sql } from '../db/port.ts';

export const plans = {
  outcomes: (orgId: string, from: string | null, to: string | null) =>
    sql(`SELECT coalesce(would_be, outcome) AS would_be, stopped_gate, count(*)::int AS n, min(decided_at) AS first, max(decided_at) AS last
           FROM tickets WHERE org_id = $1 AND outcome = 'shadow'
            AND ($2::timestamptz IS NULL OR decided_at >= $2) AND ($3::timestamptz IS NULL OR decided_at < $3)
          GROUP BY 1, 2`, orgId, from, to),
  money: (orgId: string, from: string | null, to: string | null) =>
    sql(`SELECT t.would_be, a.type, a.currency, a.status, count(*)::int AS n, sum(a.amount) AS total
           FROM actions a JOIN tickets t ON t.org_id = a.org_id AND t.id = a.ticket_id
          WHERE a.org_id = $1 AND t.outcome = 'shadow'
            AND ($2::timestamptz IS NULL OR t.decided_at >= $2) AND ($3::timestamptz IS NULL OR t.decided_at < $3)
          GROUP BY 1, 2, 3, 4`, orgId, from, to),
};

type Money = Record<string, number>;
const add = (m: Money, currency: string, amount: number) => {
  m[currency] = Math.round(((m[currency] ?? 0) + amount) * 100) / 100;
};

/**
 * What shadow mode saw: how many tickets each live outcome would have had, which gate stopped
 * them, and the money that would have moved (executed automatically), waited for a person, or
 * been blocked, per currency.
 */
export async function shadowReport(q: Queryable, orgId: string, range: { from?: string; to?: string } = {}) {
  const from = range.from ?? null, to = range.to ?? null;
  const outcomes = await run<Record<string, unknown>>(q, plans.outcomes(orgId, from, to));
  const money = await run<Record<string, unknown>>(q, plans.money(orgId, from, to));
  const byOutcome: Record<string, number> = {};
  const byGate: Record<string, Record<string, number>> = {};
  let tickets = 0;
  let first: string | null = null, last: string | null = null;
  for (const r of outcomes) {
    const n = Number(r.n), outcome = String(r.would_be), gate = (r.stopped_gate as string) ?? 'none';
    tickets += n;
    byOutcome[outcome] = (byOutcome[outcome] ?? 0) + n;
    byGate[gate] ??= {};
    byGate[gate][outcome] = (byGate[gate][outcome] ?? 0) + n;
    const f = iso(r.first), l = iso(r.last);
    if (f && (!first || f < first)) first = f;
    if (l && (!last || l > last)) last = l;
  }
  const wouldExecute: Money = {}, wouldAwaitApproval: Money = {}, wouldBlock: Money = {};
  const actions: Record<string, Record<string, number>> = {};
  for (const r of money) {
    const total = num(r.total) ?? 0, currency = String(r.currency), type = String(r.type), n = Number(r.n);
    if (r.status === 'would_execute') add(wouldExecute, currency, total);
    else if (r.would_be === 'awaiting_approval') add(wouldAwaitApproval, currency, total);
    else if (r.would_be === 'blocked') add(wouldBlock, currency, total);
    actions[type] ??= {};
    actions[type][String(r.would_be)] = (actions[type][String(r.would_be)] ?? 0) + n;
  }
  return { period: { from: from ?? first, to: to ?? last }, tickets, outcomes: byOutcome, gates: byGate, actions, money: { wouldExecute, wouldAwaitApproval, wouldBlock } };
}
