import type { Db } from './db/port.ts';
import type { StoreAdapter } from '../adapters/store/types.ts';
import { demoStore } from '../adapters/store/demo.ts';

/**
 * Which store an org's actions go to: its connected store when it has credentials (wired by the
 * integrations), else the built-in demo store in the database.
 */
export function storeResolver(db: Db, _secret?: string): (orgId: string) => Promise<StoreAdapter> {
  return async (orgId) => demoStore(db, orgId);
}
