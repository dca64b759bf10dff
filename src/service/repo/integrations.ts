// What the integrations need from the database: the org that owns an inbound address, encrypted
// store credentials, business configurations for phone intake, call state and call summaries.
import type { Db, Queryable } from '../db/port.ts';
import { iso, json, one, run, sql } from '../db/port.ts';

export const plans = {
  orgByInbound: (address: string) => sql('SELECT id FROM orgs WHERE lower(inbound_address) = lower($1)', address),
  setInbound: (orgId: string, address: string | null) =>
    sql('UPDATE orgs SET inbound_address = $2 WHERE id = $1 AND org_id = $1 RETURNING inbound_address', orgId, address),
  credential: (orgId: string, provider: string) => sql('SELECT shop, ciphertext FROM store_credentials WHERE org_id = $1 AND provider = $2', orgId, provider),
  anyCredential: (orgId: string) => sql('SELECT provider, shop, ciphertext FROM store_credentials WHERE org_id = $1 ORDER BY updated_at DESC LIMIT 1', orgId),
  putCredential: (orgId: string, provider: string, shop: string | null, ciphertext: string) =>
    sql(`INSERT INTO store_credentials (org_id, provider, shop, ciphertext) VALUES ($1, $2, $3, $4)
         ON CONFLICT (org_id, provider) DO UPDATE SET shop = excluded.shop, ciphertext = excluded.ciphertext, updated_at = now()`,
      orgId, provider, shop, ciphertext),
  deleteCredential: (orgId: string, provider: string) => sql('DELETE FROM store_credentials WHERE org_id = $1 AND provider = $2 RETURNING provider', orgId, provider),
  callConfig: (orgId: string) => sql('SELECT phone, config, updated_at, updated_by FROM call_configs WHERE org_id = $1', orgId),
  callConfigByPhone: (phone: string) => sql('SELECT org_id, config FROM call_configs WHERE phone = $1', phone),
  putCallConfig: (orgId: string, phone: string | null, config: unknown, by: string) =>
    sql(`INSERT INTO call_configs (org_id, phone, config, updated_by) VALUES ($1, $2, $3::jsonb, $4)
         ON CONFLICT (org_id) DO UPDATE SET phone = excluded.phone, config = excluded.config, updated_by = excluded.updated_by, updated_at = now()`,
      orgId, phone, json(config), by),
  getState: (sid: string) => sql('SELECT state FROM call_states WHERE call_sid = $1 AND expires_at > now()', sid),
  setState: (sid: string, orgId: string, state: unknown, ttlSeconds: number) =>
    sql(`INSERT INTO call_states (call_sid, org_id, state, expires_at) VALUES ($1, $2, $3::jsonb, now() + make_interval(secs => $4))
         ON CONFLICT (call_sid) DO UPDATE SET state = excluded.state, expires_at = excluded.expires_at`, sid, orgId, json(state), ttlSeconds),
  deleteState: (sid: string) => sql('DELETE FROM call_states WHERE call_sid = $1 OR expires_at < now()', sid),
  insertSummary: (orgId: string, sid: string, disposition: string | null, result: unknown) =>
    sql('INSERT INTO call_summaries (org_id, call_sid, disposition, result) VALUES ($1, $2, $3, $4::jsonb)', orgId, sid, disposition, json(result)),
  summaries: (orgId: string, limit: number) =>
    sql('SELECT id, call_sid, disposition, result, created_at FROM call_summaries WHERE org_id = $1 ORDER BY created_at DESC LIMIT $2', orgId, limit),
};

/** Look-ups before the org is known (a webhook): by inbound address or dialled number. */
export async function orgByInboundAddress(db: Db, address: string): Promise<string | null> {
  return (await one<{ id: string }>(db, plans.orgByInbound(address)))?.id ?? null;
}

export async function setInboundAddress(q: Queryable, orgId: string, address: string | null) {
  return (await one<{ inbound_address: string | null }>(q, plans.setInbound(orgId, address)))?.inbound_address ?? null;
}

export async function storeCredential(q: Queryable, orgId: string) {
  return one<{ provider: string; shop: string | null; ciphertext: string }>(q, plans.anyCredential(orgId));
}

export async function putStoreCredential(q: Queryable, orgId: string, provider: string, shop: string | null, ciphertext: string) {
  await run(q, plans.putCredential(orgId, provider, shop, ciphertext));
}

export async function deleteStoreCredential(q: Queryable, orgId: string, provider: string) {
  return Boolean(await one(q, plans.deleteCredential(orgId, provider)));
}

export async function getCallConfig(q: Queryable, orgId: string) {
  const row = await one<{ phone: string | null; config: unknown; updated_at: Date; updated_by: string | null }>(q, plans.callConfig(orgId));
  return row && { phone: row.phone, config: row.config, updatedAt: iso(row.updated_at), updatedBy: row.updated_by };
}

export async function putCallConfig(q: Queryable, orgId: string, phone: string | null, config: unknown, by: string) {
  await run(q, plans.putCallConfig(orgId, phone, config, by));
}

export async function callConfigByPhone(db: Db, phone: string) {
  return one<{ org_id: string; config: unknown }>(db, plans.callConfigByPhone(phone));
}

export async function listCallSummaries(q: Queryable, orgId: string, limit = 50) {
  const rows = await run<Record<string, unknown>>(q, plans.summaries(orgId, limit));
  return rows.map((r) => ({ id: String(r.id), callSid: String(r.call_sid), disposition: (r.disposition as string) ?? null, result: r.result, createdAt: iso(r.created_at) }));
}
