import { z } from 'zod';
import { parseOrThrow } from '../../../errors.ts';
import { decryptSecret, encryptSecret, isEncryptedSecret } from '../../secrets/index.ts';
import { DEFAULT_API_VERSION, normaliseShop } from './client.ts';
import { createShopifyStore, type ShopifyStore, type ShopifyStoreOptions } from './index.ts';

/**
 * A Shopify connection as an organisation's settings hold it: the access token sealed with
 * `encryptSecret` (never the plaintext), opened only inside a request to the store.
 */

const shop = z.string().min(1).transform((value, ctx) => {
  try {
    return normaliseShop(value);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
    return z.NEVER;
  }
});
const apiVersion = z.string().regex(/^(\d{4}-\d{2}|unstable)$/, 'an Admin API version such as 2026-01').default(DEFAULT_API_VERSION);

/** What a merchant submits (plaintext token, once, over HTTPS). */
export const shopifyConnectInputSchema = z.strictObject({
  shop,
  accessToken: z.string().min(8, 'the Admin API access token (shpat_…)'),
  apiVersion,
});
export type ShopifyConnectInput = z.input<typeof shopifyConnectInputSchema>;

/** What is stored. */
export const shopifyStoredConfigSchema = z.strictObject({
  kind: z.literal('shopify'),
  shop,
  apiVersion,
  accessTokenSealed: z.string().refine(isEncryptedSecret, 'a value sealed with encryptSecret (v1:…)'),
});
export type ShopifyStoredConfig = z.output<typeof shopifyStoredConfigSchema>;

/** Validate a merchant's input and seal the token. Errors name the field (`shop`, `accessToken`). */
export async function sealShopifyConfig(input: unknown, secret: string): Promise<ShopifyStoredConfig> {
  const parsed = parseOrThrow(shopifyConnectInputSchema, input);
  return { kind: 'shopify', shop: parsed.shop, apiVersion: parsed.apiVersion, accessTokenSealed: await encryptSecret(parsed.accessToken, secret) };
}

/** The stored config as it may be shown (API responses, the dashboard, the audit log): no token, sealed or not. */
export function publicShopifyConfig(config: ShopifyStoredConfig): { kind: 'shopify'; shop: string; apiVersion: string; accessToken: '[set]' } {
  return { kind: 'shopify', shop: config.shop, apiVersion: config.apiVersion, accessToken: '[set]' };
}

/**
 * A store adapter over a stored config; the token is decrypted for each request and dropped after it.
 *
 * @example
 *   const store = createShopifyStoreFromConfig(org.storeConfig, { secret: process.env.GATEHOUSE_SECRET! });
 */
export function createShopifyStoreFromConfig(
  stored: unknown,
  options: { secret: string } & Omit<ShopifyStoreOptions, 'shop' | 'accessToken' | 'apiVersion'>,
): ShopifyStore {
  const config = parseOrThrow(shopifyStoredConfigSchema, stored);
  const { secret, ...rest } = options;
  return createShopifyStore({
    ...rest,
    shop: config.shop,
    apiVersion: config.apiVersion,
    accessToken: () => decryptSecret(config.accessTokenSealed, secret),
  });
}
