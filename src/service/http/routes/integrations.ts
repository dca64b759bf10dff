import { Hono } from 'hono';
import { z } from 'zod';
import { withOrg } from '../../db/tenant.ts';
import { InputError } from '../../../errors.ts';
import { ServiceError } from '../../errors.ts';
import { getOrg } from '../../repo/accounts.ts';
import { appendAudit } from '../../repo/audit.ts';
import { deleteStoreCredential, getCallConfig, listCallSummaries, putCallConfig, putStoreCredential, setInboundAddress, storeCredential } from '../../repo/integrations.ts';
import { encryptSecret } from '../../../adapters/secrets/index.ts';
import { businessConfigSchema } from '../../../calls/config.ts';
import { parseOrThrow } from '../../../errors.ts';
import type { AppEnv, HttpDeps } from '../env.ts';
import type { RouteDoc } from '../openapi.ts';
import { jsonBody } from '../validate.ts';
import { requireUser } from '../middleware/auth.ts';
import { one } from '../../db/port.ts';

export const inboundBody = z.object({ address: z.email().max(320).nullable() });
export const shopifyBody = z.object({
  shop: z.string().trim().regex(/^[a-z0-9][a-z0-9-]*(\.myshopify\.com)?$/i, 'a shop name such as my-shop or my-shop.myshopify.com'),
  accessToken: z.string().trim().min(10).max(500),
});
export const callConfigBody = z.object({ phone: z.string().regex(/^\+[1-9]\d{6,14}$/, 'the number callers dial, in E.164 (+15551234567)').nullable(), config: z.record(z.string(), z.unknown()) });

export const integrationRoutes: RouteDoc[] = [
  { method: 'get', path: '/v1/org', summary: 'The organisation: name, inbound e-mail address, connected store', auth: 'any' },
  { method: 'put', path: '/v1/org/inbound-address', summary: 'The address whose inbound e-mail becomes tickets (null: none)', auth: 'session', body: inboundBody, errors: [409] },
  { method: 'put', path: '/v1/store/shopify', summary: 'Connect a Shopify store; the access token is encrypted at rest and never shown again', auth: 'session', body: shopifyBody },
  { method: 'delete', path: '/v1/store/shopify', summary: 'Disconnect the Shopify store (the demo store takes over)', auth: 'session', errors: [404] },
  { method: 'get', path: '/v1/calls/config', summary: 'The phone-intake business configuration', auth: 'any' },
  { method: 'put', path: '/v1/calls/config', summary: 'Validate and save the phone-intake configuration (errors name the field)', auth: 'session', body: callConfigBody, errors: [409] },
  { method: 'get', path: '/v1/calls/summaries', summary: 'Recent call results and summaries', auth: 'any' },
];

export function integrationsRouter({ ctx, secret, invalidateStore }: HttpDeps & { secret?: string; invalidateStore?: (orgId: string) => void }) {
  const app = new Hono<AppEnv>();
  const person = requireUser();

  app.get('/org', async (c) => {
    const orgId = c.get('principal').orgId;
    const data = await withOrg(ctx.db, orgId, async (tx) => {
      const org = await getOrg(tx, orgId);
      const inbound = await one<{ inbound_address: string | null }>(tx, { text: 'SELECT inbound_address FROM orgs WHERE id = $1 AND org_id = $1', values: [orgId] });
      const cred = await storeCredential(tx, orgId);
      return { ...org, inboundAddress: inbound?.inbound_address ?? null, store: cred ? { provider: cred.provider, shop: cred.shop } : { provider: 'demo', shop: null } };
    });
    return c.json(data);
  });

  app.put('/org/inbound-address', person, async (c) => {
    const body = await jsonBody(c, inboundBody);
    const p = c.get('principal');
    const address = await withOrg(ctx.db, p.orgId, async (tx) => {
      const saved = await setInboundAddress(tx, p.orgId, body.address?.toLowerCase() ?? null);
      await appendAudit(tx, p.orgId, { type: 'settings', event: 'org.inbound_address', status: 'ok', actor: p.actor, input: { address: saved } });
      return saved;
    });
    return c.json({ inboundAddress: address });
  });

  app.put('/store/shopify', person, async (c) => {
    const body = await jsonBody(c, shopifyBody);
    if (!secret) throw new ServiceError(409, 'secret_not_configured', 'set GATEHOUSE_SECRET (16+ characters) before connecting a store: credentials are encrypted with it');
    const p = c.get('principal');
    const ciphertext = await encryptSecret(body.accessToken, secret);
    await withOrg(ctx.db, p.orgId, async (tx) => {
      await putStoreCredential(tx, p.orgId, 'shopify', body.shop.toLowerCase(), ciphertext);
      // the audit entry names the shop, never the token
      await appendAudit(tx, p.orgId, { type: 'settings', event: 'store.connected', status: 'ok', actor: p.actor, input: { provider: 'shopify', shop: body.shop } });
    });
    invalidateStore?.(p.orgId);
    return c.json({ store: { provider: 'shopify', shop: body.shop.toLowerCase() } });
  });

  app.delete('/store/shopify', person, async (c) => {
    const p = c.get('principal');
    const removed = await withOrg(ctx.db, p.orgId, async (tx) => {
      const gone = await deleteStoreCredential(tx, p.orgId, 'shopify');
      if (gone) await appendAudit(tx, p.orgId, { type: 'settings', event: 'store.disconnected', status: 'ok', actor: p.actor, input: { provider: 'shopify' } });
      return gone;
    });
    if (!removed) throw new ServiceError(404, 'not_found', 'no Shopify store is connected');
    invalidateStore?.(p.orgId);
    return c.json({ store: { provider: 'demo', shop: null } });
  });

  app.get('/calls/config', async (c) => {
    const orgId = c.get('principal').orgId;
    return c.json((await withOrg(ctx.db, orgId, (tx) => getCallConfig(tx, orgId))) ?? { phone: null, config: null, updatedAt: null, updatedBy: null });
  });

  app.put('/calls/config', person, async (c) => {
    const body = await jsonBody(c, callConfigBody);
    let config;
    try {
      config = parseOrThrow(businessConfigSchema, body.config);
    } catch (error) {
      if (error instanceof InputError) throw error.under('config');
      throw error;
    }
    const p = c.get('principal');
    await withOrg(ctx.db, p.orgId, async (tx) => {
      await putCallConfig(tx, p.orgId, body.phone, body.config, p.actor);
      await appendAudit(tx, p.orgId, { type: 'settings', event: 'calls.config_updated', status: 'ok', actor: p.actor, input: { phone: body.phone } });
    });
    return c.json({ phone: body.phone, config });
  });

  app.get('/calls/summaries', async (c) => {
    const orgId = c.get('principal').orgId;
    return c.json({ items: await withOrg(ctx.db, orgId, (tx) => listCallSummaries(tx, orgId)) });
  });
  return app;
}
