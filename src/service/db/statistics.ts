import type { Db } from './port.ts';
import { run, sql } from './port.ts';

/**
 * The planner's statistics, kept up with the data. Statements run as prepared statements with one
 * generic plan per connection (`plan_cache_mode=force_generic_plan`), and that plan stays until the
 * statistics of a table it reads change. A plan made while a table was nearly empty (a new org, a
 * fresh install) scans it whole, so a primary-key update of `actions` read all 6,600 of its rows a
 * minute into a drain, and the batch's facts 12,000 pages. Autovacuum's ANALYZE would replace them,
 * but autovacuum may be off (this machine's PostgreSQL runs without it) and PGlite has none.
 *
 * So the worker analyzes every table of the schema that has doubled (and grown by eight pages)
 * since its last ANALYZE: what turns a plan over is the order of magnitude, and every ANALYZE makes
 * every connection plan its statements again (at a tenth, as autovacuum does, the re-planning of a
 * growing database cost 0.1–0.2 ms of CPU per ticket in the service bench). Its size on disk is
 * compared, not the statistics collector's counts: PGlite keeps none. ANALYZE reads a bounded
 * sample. One instance at a time (a try-lock).
 */
export const statisticsPlans = {
  /** tables of the current schema more than twice (+ 8 pages) the size their last ANALYZE saw */
  grown: () => sql(`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind = 'r'
       AND pg_relation_size(c.oid) / current_setting('block_size')::int > greatest(c.relpages, 0) * 2 + 8`),
  tryLock: () => sql(`SELECT pg_try_advisory_xact_lock(hashtext('gatehouse:analyze')) AS locked`),
};

/** Analyzes the tables that have grown; returns their names (empty when another instance holds the lock). */
export async function refreshStatistics(db: Db): Promise<string[]> {
  const grown = (await run<{ name: string }>(db, statisticsPlans.grown())).map((r) => r.name);
  if (!grown.length) return [];
  return db.transaction(async (tx) => {
    const [lock] = await run<{ locked: boolean }>(tx, statisticsPlans.tryLock());
    if (!lock?.locked) return [];
    // names come from pg_class, not from input; quoted all the same
    for (const name of grown) await tx.executeScript(`ANALYZE "${name.replaceAll('"', '""')}"`);
    return grown;
  });
}
