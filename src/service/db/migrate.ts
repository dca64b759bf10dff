import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './port.ts';

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');
/** A constant advisory-lock key: two instances starting together apply the migrations once. */
const MIGRATION_LOCK = 7_212_001;

export interface Migration {
  version: string;
  sql: string;
}

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}_.+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: f.replace(/\.sql$/, ''), sql: readFileSync(join(dir, f), 'utf8') }));
}

/**
 * Applies every migration not yet recorded, each file once, all in one transaction under an
 * advisory lock. Returns the versions applied now. Also decides whether tenant transactions can
 * switch to the `gatehouse_app` role (sets `db.appRole`).
 */
export async function migrate(db: Db, migrations = listMigrations()): Promise<string[]> {
  const applied = await db.transaction(async (tx) => {
    await tx.executeSql('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.executeScript(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const done = new Set((await tx.executeSql<{ version: string }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    const now: string[] = [];
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      await tx.executeScript(m.sql);
      await tx.executeSql('INSERT INTO schema_migrations (version) VALUES ($1)', [m.version]);
      now.push(m.version);
    }
    return now;
  });
  const role = await db.executeSql<{ ok: boolean }>(
    "SELECT pg_has_role(current_user, oid, 'MEMBER') AS ok FROM pg_roles WHERE rolname = 'gatehouse_app'",
  );
  db.appRole = role.rows[0]?.ok === true;
  return applied;
}
