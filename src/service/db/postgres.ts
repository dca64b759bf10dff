import pg from 'pg';
import type { Db, Queryable, SqlResult } from './port.ts';

export interface PostgresOptions {
  connectionString: string;
  /** a schema to work in (tests use one per file); created if missing */
  schema?: string;
  max?: number;
}

/** PostgreSQL through a `pg` Pool: each transaction takes one client; errors roll back before release. */
export async function openPostgres(opts: PostgresOptions): Promise<Db> {
  if (opts.schema && !/^[a-z_][a-z0-9_]*$/.test(opts.schema)) throw new Error('invalid schema name');
  const pool = new pg.Pool({
    connectionString: opts.connectionString,
    max: opts.max ?? 10,
    options: opts.schema ? `-c search_path=${opts.schema}` : undefined,
  });
  // an idle client's error (server restart) must not crash the process; the next query reconnects
  pool.on('error', () => undefined);
  if (opts.schema) {
    // IF NOT EXISTS still races when two instances create it at once: the loser's error is harmless
    await pool.query(`CREATE SCHEMA IF NOT EXISTS ${opts.schema}`).catch((error: { code?: string }) => {
      if (error.code !== '23505' && error.code !== '42P06') throw error;
    });
  }
  const wrap = (target: pg.Pool | pg.PoolClient): Queryable => ({
    async executeSql<R>(text: string, values: readonly unknown[] = []): Promise<SqlResult<R>> {
      const result = await target.query(text, values as unknown[]);
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
    async transaction(fn) {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
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
