import type { Db, Queryable, Tx } from './port.ts';

/**
 * A transaction scoped to one organisation: row-level security sees only `orgId`'s rows
 * (`app.org_id`), and the statements run as the non-superuser `gatehouse_app` role so the
 * policies apply even when the service connects as a superuser. Every repository query still
 * filters by org_id itself: this is the second line.
 */
export function withOrg<T>(db: Db, orgId: string, fn: (tx: Tx) => Promise<T>, opts: { lockOrg?: boolean } = {}): Promise<T> {
  return db.transaction(fn, {
    settings: db.appRole ? { role: 'gatehouse_app', 'app.org_id': orgId } : { 'app.org_id': orgId },
    // taken with BEGIN: one round trip less than lockOrg() as the first statement
    ...(opts.lockOrg ? { lock: orgLockKey(orgId) } : {}),
  });
}

const orgLockKey = (orgId: string) => `gatehouse:org:${orgId}`;

/** Serialises the org's limit checks and executions for the rest of the transaction. */
export async function lockOrg(tx: Queryable, orgId: string): Promise<void> {
  await tx.executeSql('SELECT pg_advisory_xact_lock(hashtext($1))', [orgLockKey(orgId)]);
}
