import type { Db, Queryable } from '../db/port.ts';
import { json, run, sql } from '../db/port.ts';

export interface Job {
  id: number;
  orgId: string;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
  maxAttempts: number;
}

export const plans = {
  enqueue: (orgId: string, kind: string, payload: unknown) =>
    sql('INSERT INTO jobs (org_id, kind, payload) VALUES ($1, $2, $3::jsonb) RETURNING id', orgId, kind, json(payload)),
  /** the same, once per row of `source` (a CTE) */
  enqueueFrom: (orgId: string, kind: string, payload: unknown, source: string) =>
    sql(`INSERT INTO jobs (org_id, kind, payload) SELECT $1::uuid, $2::text, $3::jsonb FROM ${source}`, orgId, kind, json(payload)),
  /**
   * Claims ready jobs (and running ones whose lease ran out: their process died) without
   * waiting on jobs another worker holds. Each kind is read from its own partial index in order, so
   * a claim reads only the rows it takes, however long the queue (one query with OR sorted the
   * whole queue on every claim: 1.2 ms per claim with a few thousand queued).
   */
  claim: (limit: number, leaseSeconds: number) =>
    sql(
      `WITH ready AS (
         SELECT id FROM jobs WHERE status = 'queued' AND run_after <= now()
          ORDER BY run_after, id LIMIT $1 FOR UPDATE SKIP LOCKED),
       expired AS (
         SELECT id FROM jobs WHERE status = 'running' AND locked_until < now()
          ORDER BY locked_until LIMIT $1 FOR UPDATE SKIP LOCKED),
       next AS ((SELECT id FROM expired) UNION ALL (SELECT id FROM ready) LIMIT $1)
       UPDATE jobs j SET status = 'running', attempts = j.attempts + 1,
              locked_until = now() + make_interval(secs => $2), updated_at = now()
         FROM next WHERE j.id = next.id
       RETURNING j.id, j.org_id, j.kind, j.payload, j.attempts, j.max_attempts`,
      limit, leaseSeconds,
    ),
  /** claimed but never started (the worker stopped): back to the queue, the claim not counted as an attempt */
  release: (ids: readonly number[]) =>
    sql(`UPDATE jobs SET status = 'queued', attempts = attempts - 1, locked_until = NULL, updated_at = now()
          WHERE id = ANY($1::bigint[]) AND status = 'running'`, ids),
  done: (ids: readonly number[]) => sql(`UPDATE jobs SET status = 'done', locked_until = NULL, updated_at = now() WHERE id = ANY($1::bigint[])`, ids),
  retry: (id: number, delaySeconds: number, error: string) =>
    sql(
      `UPDATE jobs SET status = 'queued', run_after = now() + make_interval(secs => $2), locked_until = NULL,
              last_error = $3, updated_at = now() WHERE id = $1`,
      id, delaySeconds, error,
    ),
  dead: (id: number, error: string) =>
    sql(`UPDATE jobs SET status = 'dead', locked_until = NULL, last_error = $2, updated_at = now() WHERE id = $1`, id, error),
  counts: (orgId: string) => sql('SELECT status, count(*)::int AS n FROM jobs WHERE org_id = $1 GROUP BY status', orgId),
};

export async function enqueue(q: Queryable, orgId: string, kind: string, payload: unknown): Promise<void> {
  await run(q, plans.enqueue(orgId, kind, payload));
}

export async function claimJobs(db: Db, limit: number, leaseSeconds = 60): Promise<Job[]> {
  const rows = await run<Record<string, unknown>>(db, plans.claim(limit, leaseSeconds));
  return rows.map((r) => ({
    id: Number(r.id), orgId: String(r.org_id), kind: String(r.kind),
    payload: r.payload as Record<string, unknown>, attempts: Number(r.attempts), maxAttempts: Number(r.max_attempts),
  }));
}

/**
 * Marks finished jobs done, several in one statement and without waiting for the disk: a mark lost
 * in a crash only means the job runs once more when its lease ends, and every handler is safe to rerun.
 */
export async function finishJobs(db: Db, jobs: readonly Job[]): Promise<void> {
  if (!jobs.length) return;
  await db.transaction(async (tx) => {
    tx.lazyCommit();
    await run(tx, plans.done(jobs.map((j) => j.id)));
  });
}

export async function releaseJobs(db: Db, jobs: readonly Job[]): Promise<void> {
  await run(db, plans.release(jobs.map((j) => j.id)));
}

/** Exponential backoff (1 s, 2 s, 4 s … capped at 5 min), then dead: the failure stays with its tenant. */
export async function failJob(db: Db, job: Job, error: string): Promise<'retry' | 'dead'> {
  if (job.attempts >= job.maxAttempts) {
    await run(db, plans.dead(job.id, error));
    return 'dead';
  }
  await run(db, plans.retry(job.id, Math.min(300, 2 ** (job.attempts - 1)), error));
  return 'retry';
}

export async function jobCounts(q: Queryable, orgId: string): Promise<Record<string, number>> {
  const rows = await run<{ status: string; n: number }>(q, plans.counts(orgId));
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}
