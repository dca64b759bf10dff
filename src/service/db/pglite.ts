import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { Db, Queryable, SqlResult } from './port.ts';

/**
 * PGlite has one connection: every statement and transaction runs one at a time through a queue,
 * and a failed transaction is rolled back at once (one failed statement poisons the rest).
 */
export async function openPglite(dataDir?: string): Promise<Db> {
  const pg = new PGlite(dataDir);
  await pg.waitReady;
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  const wrap = (target: PGlite | Transaction): Queryable => ({
    async executeSql<R>(text: string, values: readonly unknown[] = []): Promise<SqlResult<R>> {
      const result = await target.query<R>(text, values as unknown[]);
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    },
    async executeScript(sql: string) {
      await target.exec(sql);
    },
  });
  const direct = wrap(pg);
  return {
    engine: 'pglite',
    appRole: false,
    executeSql: (text, values) => exclusive(() => direct.executeSql(text, values)),
    executeScript: (text) => exclusive(() => direct.executeScript(text)),
    transaction: (fn, txOpts) =>
      exclusive(() =>
        pg.transaction(async (tx) => {
          const settings = Object.entries(txOpts?.settings ?? {});
          if (settings.length) await tx.query(`SELECT ${settings.map((_, i) => `set_config($${2 * i + 1}, $${2 * i + 2}, true)`).join(', ')}`, settings.flat());
          if (txOpts?.lock) await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [txOpts.lock]);
          // in-process and single-connection: a lazy commit would save nothing worth its risk
          return fn({ ...wrap(tx), lazyCommit: () => undefined });
        }),
      ),
    close: () => exclusive(() => pg.close()),
  };
}
