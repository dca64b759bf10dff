import type { Db } from './db/port.ts';
import { rotateSecrets } from '../adapters/secrets/index.ts';

/**
 * Re-encrypts every stored credential of every organisation from `oldSecret` to `newSecret` in one
 * transaction: either every value opens with the new secret afterwards, or nothing changed (a value
 * that does not open with the old secret aborts the whole rotation, naming only its row).
 * Runs as the service owner, whose own policy sees every org's rows; nothing is decrypted to disk or logs.
 */
export async function rotateStoredCredentials(db: Db, oldSecret: string, newSecret: string): Promise<{ rotated: number }> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.executeSql<{ org_id: string; provider: string; ciphertext: string }>(
      'SELECT org_id, provider, ciphertext FROM store_credentials ORDER BY org_id, provider FOR UPDATE',
    );
    let fresh: string[];
    try {
      fresh = await rotateSecrets(rows.map((r) => r.ciphertext), oldSecret, newSecret);
    } catch (error) {
      throw new Error(`rotation aborted, nothing changed: a stored credential does not open with the old secret (${(error as Error).name})`);
    }
    for (const [i, row] of rows.entries()) {
      await tx.executeSql(
        'UPDATE store_credentials SET ciphertext = $3, updated_at = now() WHERE org_id = $1 AND provider = $2',
        [row.org_id, row.provider, fresh[i]],
      );
    }
    return { rotated: rows.length };
  });
}

/** `gatehouse rotate-secret`: the database from the service's environment; secrets only from the environment, never argv (argv shows in `ps`). */
export async function runRotateSecret(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { readServiceEnv } = await import('./config.ts');
  const { openDb } = await import('./db/open.ts');
  const config = readServiceEnv(env);
  const oldSecret = env.GATEHOUSE_OLD_SECRET;
  const newSecret = config.GATEHOUSE_SECRET;
  if (!oldSecret || !newSecret) {
    process.stderr.write('gatehouse rotate-secret: set GATEHOUSE_OLD_SECRET (the current secret) and GATEHOUSE_SECRET (the new one)\n');
    return 2;
  }
  const db = await openDb({ databaseUrl: config.DATABASE_URL, dataDir: config.GATEHOUSE_DATA_DIR });
  try {
    const { rotated } = await rotateStoredCredentials(db, oldSecret, newSecret);
    process.stdout.write(`re-encrypted ${rotated} stored credential(s); start the service with the new GATEHOUSE_SECRET\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`gatehouse rotate-secret: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await db.close();
  }
}
