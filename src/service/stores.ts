import type { Db } from './db/port.ts';
import { withOrg } from './db/tenant.ts';
import type { StoreAdapter } from '../adapters/store/types.ts';
import { demoStore } from '../adapters/store/demo.ts';
import { createShopifyStore } from '../adapters/store/shopify/index.ts';
import { decryptSecret } from '../adapters/secrets/index.ts';
import { storeCredential } from './repo/integrations.ts';

const CACHE_MS = 30_000;

export interface StoreResolver {
  (orgId: string): Promise<StoreAdapter>;
  /** forget an org's resolved store (its credentials changed on this instance) */
  invalidate(orgId: string): void;
}

/**
 * Which store an org's actions go to: Shopify when it connected one (the access token is decrypted
 * only at the moment of each request), else the built-in demo store in the database. Resolved
 * stores are kept 30 s per instance; the database stays the source of truth.
 */
export function storeResolver(db: Db, secret: string | undefined, opts: { shopifyBaseUrl?: string } = {}): StoreResolver {
  const cache = new Map<string, { store: StoreAdapter; until: number }>();
  const resolve = (async (orgId: string) => {
    const hit = cache.get(orgId);
    if (hit && hit.until > Date.now()) return hit.store;
    const cred = await withOrg(db, orgId, (tx) => storeCredential(tx, orgId));
    let store: StoreAdapter = demoStore(db, orgId);
    if (cred?.provider === 'shopify' && cred.shop) {
      if (!secret) throw new Error('this organisation connected a store, but GATEHOUSE_SECRET is not set to decrypt its credentials');
      const ciphertext = cred.ciphertext;
      store = createShopifyStore({ shop: cred.shop, accessToken: () => decryptSecret(ciphertext, secret), baseUrl: opts.shopifyBaseUrl });
    }
    cache.set(orgId, { store, until: Date.now() + CACHE_MS });
    return store;
  }) as StoreResolver;
  resolve.invalidate = (orgId) => void cache.delete(orgId);
  return resolve;
}
