import { mkdirSync } from 'node:fs';
import type { Db } from './port.ts';
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';
import { migrate } from './migrate.ts';

export interface OpenDbOptions {
  databaseUrl?: string;
  dataDir?: string;
  schema?: string;
  poolSize?: number;
}

/** PostgreSQL when a URL is given, else PGlite in `dataDir` (default ./data); migrations applied. */
export async function openDb(opts: OpenDbOptions): Promise<Db> {
  let db: Db;
  if (opts.databaseUrl) {
    db = await openPostgres({ connectionString: opts.databaseUrl, schema: opts.schema, max: opts.poolSize });
  } else {
    if (opts.dataDir && !opts.dataDir.startsWith('memory://')) mkdirSync(opts.dataDir, { recursive: true });
    db = await openPglite(opts.dataDir);
  }
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
