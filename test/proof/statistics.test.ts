// Statements keep one generic plan per connection (plan_cache_mode=force_generic_plan) until the
// statistics of a table they read change. Without autovacuum (this machine's PostgreSQL, and PGlite)
// nothing changed them: a plan made while `actions` was empty scanned the whole table for ever.
// The worker's refreshStatistics analyzes grown tables, and that replaces such plans. No timing:
// the plan itself is read.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, openTestDb } from '../helpers/harness.ts';
import { scannedRows } from '../helpers/explain.ts';
import type { Db } from '../../src/service/db/port.ts';
import { refreshStatistics } from '../../src/service/db/statistics.ts';
import { withOrg } from '../../src/service/db/tenant.ts';
import { createOrg } from '../../src/service/repo/accounts.ts';

const ROWS = 5_000;

const addActions = (db: Db, orgId: string, from: number, count: number) =>
  withOrg(db, orgId, (tx) => tx.executeSql(
    `INSERT INTO actions (org_id, ticket_id, idx, type, order_id, customer_id, amount, status, idempotency_key, created_at)
     SELECT $1, 't' || g, 0, 'refund', 'o' || g, 'c' || (g % 100), 1, 'executed', 'k' || g, now() - g * interval '1 second'
       FROM generate_series($2::int, $3::int) g`, [orgId, from, from + count - 1]));

for (const engine of ENGINES) {
  describe(`statistics kept up with the data [${engine}]`, () => {
    let t: Awaited<ReturnType<typeof openTestDb>>;
    let orgId: string;
    beforeAll(async () => {
      t = await openTestDb(engine);
      orgId = await t.db.transaction((tx) => createOrg(tx, 'Growing'));
    }, 180_000);
    afterAll(async () => t?.drop());

    const reltuples = async (table: string) =>
      Number((await t.db.executeSql<{ n: number }>(`SELECT reltuples AS n FROM pg_class WHERE oid = to_regclass($1)`, [table])).rows[0].n);

    it('analyzes a table once it has doubled since its last ANALYZE, and only then', async () => {
      await t.db.executeScript('ANALYZE actions');
      expect(await refreshStatistics(t.db)).not.toContain('actions'); // nothing grew yet
      await addActions(t.db, orgId, 1, ROWS);
      expect(await refreshStatistics(t.db)).toContain('actions');
      expect(await reltuples('actions')).toBeGreaterThan(ROWS * 0.9);
      expect(await refreshStatistics(t.db)).toEqual([]); // analyzed: not again until it grows again
      await addActions(t.db, orgId, ROWS + 1, ROWS / 2); // half as much again: not doubled
      expect(await refreshStatistics(t.db)).toEqual([]);
      await addActions(t.db, orgId, 2 * ROWS, ROWS); // doubled
      expect(await refreshStatistics(t.db)).toContain('actions');
    });

    it.runIf(engine === 'postgres')('a generic plan made while the table was empty reads by key once the grown table is analyzed', async () => {
      // the service's own connection settings: one generic plan per prepared statement, in the test's schema
      const client = new pg.Client({ connectionString: process.env.DATABASE_URL, options: `-c plan_cache_mode=force_generic_plan -c search_path=${t.schema}` });
      await client.connect();
      const empty = await t.db.transaction((tx) => createOrg(tx, 'Empty at first'));
      try {
        const examined = async (id = '00000000-0000-0000-0000-000000000000') => {
          const raw = (await client.query(`EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE by_id('${empty}', '${id}')`)).rows[0]['QUERY PLAN'];
          return scannedRows((typeof raw === 'string' ? JSON.parse(raw) : raw)[0].Plan);
        };
        // planned on an empty table (no pages at all): a whole-table scan is the cheapest plan then
        await client.query(`TRUNCATE actions CASCADE`);
        await t.db.executeScript('ANALYZE actions');
        await client.query(`PREPARE by_id(uuid, uuid) AS SELECT id FROM actions WHERE org_id = $1 AND id = $2 AND status = 'executed'`);
        await examined();
        await addActions(t.db, empty, 1, ROWS);
        const { rows: [one] } = await client.query(`SELECT id FROM actions WHERE idempotency_key = 'k7'`);
        expect(await examined(one.id)).toBeGreaterThan(ROWS / 2); // the stale plan reads the grown table whole
        expect(await refreshStatistics(t.db)).toContain('actions');
        expect(await examined(one.id)).toBe(1);
      } finally {
        await client.end();
      }
    });
  });
}
