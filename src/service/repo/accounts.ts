// Organisations, users, sessions and API keys. Look-ups by secret (session token, API key,
// e-mail at log-in) are the only queries that run before the org is known: they return the org.
import type { Db, Queryable } from '../db/port.ts';
import { iso, one, run, sql } from '../db/port.ts';
import { isUuid } from './actions.ts';
import { hashPassword, newToken, tokenHash, verifyPassword, dummyHash } from '../auth/passwords.ts';

export const SESSION_DAYS = 14;

export interface Principal {
  orgId: string;
  kind: 'user' | 'api_key';
  id: string;
  /** who, for the audit log: `user:jane@shop.com` or `api_key:zendesk` */
  actor: string;
  email?: string;
}

export const plans = {
  insertOrg: (name: string) => sql('INSERT INTO orgs (name) VALUES ($1) RETURNING id', name),
  countOrgs: () => sql('SELECT count(*)::int AS n FROM orgs'),
  getOrg: (orgId: string) => sql('SELECT id, name, created_at FROM orgs WHERE id = $1 AND org_id = $1', orgId),
  insertUser: (orgId: string, email: string, name: string | null, hash: string, role: string) =>
    sql('INSERT INTO users (org_id, email, name, password_hash, role) VALUES ($1, $2, $3, $4, $5) RETURNING id', orgId, email, name, hash, role),
  userByEmail: (email: string) => sql('SELECT id, org_id, email, password_hash FROM users WHERE lower(email) = lower($1)', email),
  insertSession: (orgId: string, userId: string, hash: string, days: number) =>
    sql(`INSERT INTO sessions (org_id, user_id, token_hash, expires_at) VALUES ($1, $2, $3, now() + make_interval(days => $4)) RETURNING id`, orgId, userId, hash, days),
  sessionByHash: (hash: string) =>
    sql(`SELECT s.id, s.org_id, u.id AS user_id, u.email FROM sessions s JOIN users u ON u.id = s.user_id AND u.org_id = s.org_id
         WHERE s.token_hash = $1 AND s.expires_at > now()`, hash),
  deleteSession: (hash: string) => sql('DELETE FROM sessions WHERE token_hash = $1', hash),
  insertKey: (orgId: string, name: string, prefix: string, hash: string, by: string) =>
    sql('INSERT INTO api_keys (org_id, name, prefix, key_hash, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id, created_at', orgId, name, prefix, hash, by),
  keyByHash: (hash: string) => sql('SELECT id, org_id, name FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL', hash),
  listKeys: (orgId: string) =>
    sql('SELECT id, name, prefix, created_by, created_at, last_used_at, revoked_at FROM api_keys WHERE org_id = $1 ORDER BY created_at DESC', orgId),
  revokeKey: (orgId: string, id: string) =>
    sql('UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE org_id = $1 AND id = $2::uuid RETURNING id, name', orgId, id),
};

export async function createOrg(q: Queryable, name: string): Promise<string> {
  const row = await one<{ id: string }>(q, plans.insertOrg(name));
  return row!.id;
}

export async function countOrgs(db: Db): Promise<number> {
  return (await one<{ n: number }>(db, plans.countOrgs()))!.n;
}

export async function getOrg(q: Queryable, orgId: string) {
  const row = await one<{ id: string; name: string; created_at: Date }>(q, plans.getOrg(orgId));
  return row && { id: row.id, name: row.name, createdAt: iso(row.created_at) };
}

export async function createUser(q: Queryable, orgId: string, user: { email: string; password: string; name?: string; role?: string }) {
  const hash = await hashPassword(user.password);
  const row = await one<{ id: string }>(q, plans.insertUser(orgId, user.email, user.name ?? null, hash, user.role ?? 'admin'));
  return row!.id;
}

/** Checks the password (in constant work whether or not the user exists) and opens a session. */
export async function login(db: Db, email: string, password: string): Promise<{ token: string; principal: Principal } | null> {
  const user = await one<{ id: string; org_id: string; email: string; password_hash: string }>(db, plans.userByEmail(email));
  const ok = await verifyPassword(password, user?.password_hash ?? (await dummyHash()));
  if (!user || !ok) return null;
  const token = newToken('ghs_', 32);
  await run(db, plans.insertSession(user.org_id, user.id, tokenHash(token), SESSION_DAYS));
  return { token, principal: { orgId: user.org_id, kind: 'user', id: user.id, actor: `user:${user.email}`, email: user.email } };
}

export async function sessionPrincipal(db: Db, token: string): Promise<Principal | null> {
  const row = await one<{ org_id: string; user_id: string; email: string }>(db, plans.sessionByHash(tokenHash(token)));
  return row && { orgId: row.org_id, kind: 'user', id: row.user_id, actor: `user:${row.email}`, email: row.email };
}

export async function logout(db: Db, token: string): Promise<void> {
  await run(db, plans.deleteSession(tokenHash(token)));
}

/** Creates a key; the key itself is returned once and never stored. */
export async function createApiKey(q: Queryable, orgId: string, name: string, by: string) {
  const key = newToken('gh_', 30);
  const prefix = key.slice(0, 10);
  const row = await one<{ id: string; created_at: Date }>(q, plans.insertKey(orgId, name, prefix, tokenHash(key), by));
  return { id: row!.id, name, prefix, key, createdAt: iso(row!.created_at) };
}

// A short in-process cache of key look-ups (by hash, never the key): a busy integration sends
// hundreds of requests a second. Revocation clears it here at once; other instances within KEY_TTL_MS.
const KEY_TTL_MS = 5_000;
const keyCache = new Map<string, { principal: Principal | null; until: number }>();

export async function apiKeyPrincipal(db: Db, key: string): Promise<Principal | null> {
  const hash = tokenHash(key);
  const hit = keyCache.get(hash);
  if (hit && hit.until > Date.now() && hit.principal) return hit.principal;
  const row = await one<{ id: string; org_id: string; name: string }>(db, plans.keyByHash(hash));
  const principal: Principal | null = row && { orgId: row.org_id, kind: 'api_key', id: row.id, actor: `api_key:${row.name}` };
  if (principal) {
    if (keyCache.size > 10_000) keyCache.clear();
    keyCache.set(hash, { principal, until: Date.now() + KEY_TTL_MS });
  }
  return principal;
}

function forgetKey(id: string) {
  for (const [hash, entry] of keyCache) if (entry.principal?.id === id) keyCache.delete(hash);
}

export async function listApiKeys(q: Queryable, orgId: string) {
  const rows = await run<Record<string, unknown>>(q, plans.listKeys(orgId));
  return rows.map((r) => ({
    id: String(r.id), name: String(r.name), prefix: String(r.prefix), createdBy: (r.created_by as string) ?? null,
    createdAt: iso(r.created_at), lastUsedAt: iso(r.last_used_at), revokedAt: iso(r.revoked_at),
  }));
}

export async function revokeApiKey(q: Queryable, orgId: string, id: string) {
  if (!isUuid(id)) return null;
  const row = await one<{ id: string; name: string }>(q, plans.revokeKey(orgId, id));
  if (row) forgetKey(row.id);
  return row;
}
