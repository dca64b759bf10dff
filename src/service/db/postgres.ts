import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Db, Queryable, SqlResult } from './port.ts';

export interface PostgresOptions {
  connectionString: string;
  /** a schema to work in (tests use one per file); created if missing */
  schema?: string;
  max?: number;
}

/**
 * Statements with bound values run as named prepared statements: each connection parses and plans
 * a statement text once instead of on every call (parse + plan were most of PostgreSQL's CPU per
 * ticket). Every text comes from a plan function (values are never interpolated), so the set is
 * finite; the cap only guards against a future caller that builds texts dynamically.
 */
function preparedNames(cap = 1000): (text: string) => string | undefined {
  const names = new Map<string, string>();
  return (text) => {
    let name = names.get(text);
    if (name === undefined && names.size < cap) {
      name = `gh_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
      names.set(text, name);
    }
    return name;
  };
}

/** PostgreSQL through a `pg` Pool: each transaction takes one client; errors roll back before release. */
export async function openPostgres(opts: PostgresOptions): Promise<Db> {
  if (opts.schema && !/^[a-z_][a-z0-9_]*$/.test(opts.schema)) throw new Error('invalid schema name');
  const pool = new pg.Pool({
    connectionString: opts.connectionString,
    max: opts.max ?? 10,
    // Prepared statements keep one generic plan. Left to choose, PostgreSQL re-planned the decision
    // facts (and every statement taking an id list) on most calls: its generic plan cannot fold a
    // null customer away, so it looks dearer than a custom one. Planning was ~1.4 ms a call, more CPU
    // than running it. Every statement here is led by an index on org_id and a key, so the generic
    // plan is the plan.
    options: [`-c plan_cache_mode=force_generic_plan`, ...(opts.schema ? [`-c search_path=${opts.schema}`] : [])].join(' '),
  });
  // an idle client's error (server restart) must not crash the process; the next query reconnects
  pool.on('error', () => undefined);
  if (opts.schema) {
    // IF NOT EXISTS still races when two instances create it at once: the loser's error is harmless
    await pool.query(`CREATE SCHEMA IF NOT EXISTS ${opts.schema}`).catch((error: { code?: string }) => {
      if (error.code !== '23505' && error.code !== '42P06') throw error;
    });
  }
  const statementName = preparedNames();
  const wrap = (target: pg.Pool | pg.PoolClient): Queryable => ({
    async executeSql<R>(text: string, values: readonly unknown[] = []): Promise<SqlResult<R>> {
      const name = values.length ? statementName(text) : undefined;
      const result = await target.query(name ? { name, text, values: values as unknown[] } : { text, values: values as unknown[] });
      return { rows: result.rows as R[], rowCount: result.rowCount ?? result.rows.length };
    },
    async executeScript(sql: string) {
      await target.query(sql);
    },
  });
  const direct = wrap(pool);
  return {
    engine: 'postgres',
    appRole: false,
    executeSql: direct.executeSql,
    executeScript: direct.executeScript,
    async transaction(fn, txOpts) {
      const client = await pool.connect();
      let broken = false;
      try {
        // BEGIN, the settings and the lock in one round trip (a simple query takes no bound values:
        // literals are escaped); each statement of it takes its own snapshot, so what follows the lock sees what committed before it
        const settings = Object.entries(txOpts?.settings ?? {});
        await client.query([
          'BEGIN',
          ...(settings.length ? [`SELECT ${settings.map(([k, v]) => `set_config(${client.escapeLiteral(k)}, ${client.escapeLiteral(v)}, true)`).join(', ')}`] : []),
          ...(txOpts?.lock ? [`SELECT pg_advisory_xact_lock(hashtext(${client.escapeLiteral(txOpts.lock)}))`] : []),
        ].join('; '));
        let lazy = false;
        const result = await fn({ ...wrap(client), lazyCommit: () => void (lazy = true) });
        await client.query(lazy ? 'SET LOCAL synchronous_commit = off; COMMIT' : 'COMMIT');
        return result;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch {
          broken = true; // the connection is gone: drop it from the pool
        }
        throw error;
      } finally {
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
