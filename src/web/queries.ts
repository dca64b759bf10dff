// Read-only aggregates for the charts. Plans as in the service's repositories: the org id is
// always a bound parameter and every statement runs inside withOrg (row-level security too).
import { num, run, sql, type Queryable } from '../service/db/port.ts';

export const plans = {
  outcomesPerDay: (orgId: string, since: string) =>
    sql(`SELECT to_char(date_trunc('day', created_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day, coalesce(would_be, outcome, status) AS outcome, count(*)::int AS n
           FROM tickets WHERE org_id = $1 AND created_at >= $2::timestamptz GROUP BY 1, 2`, orgId, since),
  moneyPerDay: (orgId: string, since: string) =>
    sql(`SELECT to_char(date_trunc('day', created_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day, status, (approved_by IS NOT NULL) AS by_person, currency, sum(amount) AS total
           FROM actions WHERE org_id = $1 AND created_at >= $2::timestamptz GROUP BY 1, 2, 3, 4`, orgId, since),
};

/** Ticket ids newest first; the outcome filter matches what shadow mode says would happen too. */
export const ticketPlans = {
  page: (orgId: string, limit: number, before: string | null, outcome: string | null) =>
    sql(`SELECT id FROM tickets WHERE org_id = $1 AND ($2::timestamptz IS NULL OR created_at < $2)
            AND ($3::text IS NULL OR outcome = $3 OR would_be = $3)
          ORDER BY created_at DESC LIMIT $4`, orgId, before, outcome, limit),
};

export async function ticketPage(q: Queryable, orgId: string, limit: number, before: string | null, outcome: string | null): Promise<string[]> {
  return (await run<{ id: string }>(q, ticketPlans.page(orgId, limit, before, outcome))).map((r) => String(r.id));
}

export const DAY_MS = 86_400_000;

/** The last `days` UTC days, oldest first, as YYYY-MM-DD. */
export function dayRange(now: Date, days: number): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: days }, (_, i) => new Date(today - (days - 1 - i) * DAY_MS).toISOString().slice(0, 10));
}

export async function outcomesPerDay(q: Queryable, orgId: string, since: string): Promise<Record<string, Record<string, number>>> {
  const out: Record<string, Record<string, number>> = {};
  for (const r of await run<{ day: string; outcome: string; n: number }>(q, plans.outcomesPerDay(orgId, since))) {
    (out[r.day] ??= {})[r.outcome] = (out[r.day][r.outcome] ?? 0) + Number(r.n);
  }
  return out;
}

/**
 * Money per day, in one currency: executed without a person ("auto"), would have executed in
 * shadow mode ("would_auto"), waiting or approved by a person ("held"), blocked or rejected.
 */
export type MoneyBucket = 'auto' | 'would_auto' | 'held' | 'blocked';
export function bucketOf(status: string, byPerson: boolean): MoneyBucket | null {
  if (status === 'executed' || status === 'pending') return byPerson ? 'held' : 'auto';
  if (status === 'would_execute') return 'would_auto';
  if (status === 'awaiting_approval') return 'held';
  if (status === 'blocked' || status === 'rejected') return 'blocked';
  return null;
}

/** Per currency (amounts in different currencies are never added): currency → day → bucket → amount. */
export async function moneyPerDay(q: Queryable, orgId: string, since: string) {
  const out: Record<string, Record<string, Record<string, number>>> = {};
  for (const r of await run<Record<string, unknown>>(q, plans.moneyPerDay(orgId, since))) {
    const bucket = bucketOf(String(r.status), r.by_person === true);
    if (!bucket) continue;
    const days = (out[String(r.currency)] ??= {});
    const day = (days[String(r.day)] ??= {});
    day[bucket] = Math.round(((day[bucket] ?? 0) + (num(r.total) ?? 0)) * 100) / 100;
  }
  return out;
}
