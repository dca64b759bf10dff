// Real service processes on a fresh PostgreSQL database, for the concurrency, crash and secrets
// proofs: `node bin/gatehouse.js serve` spawned on a random port, its stdout and stderr captured.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import type { Db } from '../../src/service/db/port.ts';
import { openDb } from '../../src/service/db/open.ts';
import { withOrg } from '../../src/service/db/tenant.ts';
import { createApiKey, createOrg, createUser } from '../../src/service/repo/accounts.ts';
import { saveSettings } from '../../src/service/repo/settings.ts';
import { loadDemoStore } from '../../src/adapters/store/demo.ts';
import type { Customer, Order } from '../../src/tickets/scenario.ts';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'gatehouse.js');
export const PG_URL = process.env.DATABASE_URL;
/** Read when used, so a benchmark can set DATABASE_URL after importing this module. */
const pgUrl = () => process.env.DATABASE_URL ?? PG_URL;

/** A database of its own (dropped by `drop`), migrated, with a Db handle for the test's own reads. */
export async function freshDatabase(): Promise<{ url: string; name: string; db: Db; drop(): Promise<void> }> {
  const name = `gh_proof_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(pgUrl()!);
  url.pathname = `/${name}`;
  const db = await openDb({ databaseUrl: url.toString(), poolSize: 8 });
  return {
    url: url.toString(),
    name,
    db,
    async drop() {
      await db.close().catch(() => undefined);
      const c = new pg.Client({ connectionString: pgUrl() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface Server {
  url: string;
  proc: ChildProcess;
  /** everything the process wrote, stdout and stderr interleaved */
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Spawns `gatehouse serve` on a random port and resolves once it prints its URL. */
export async function startServer(env: Record<string, string>, timeoutMs = 30_000): Promise<Server> {
  const proc = spawn(process.execPath, [BIN, 'serve', '--port', '0'], {
    env: { ...process.env, HOST: '127.0.0.1', GATEHOUSE_RATE_LIMIT: '1000000', GATEHOUSE_LOG: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in ${timeoutMs} ms:\n${out}`)), timeoutMs);
    const check = () => {
      const m = /running at (http:\/\/[^\s]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1].replace('localhost', '127.0.0.1'));
      }
    };
    proc.stdout!.on('data', check);
    proc.stderr!.on('data', check);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
  return {
    url,
    proc,
    output: () => out,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      // a process that does not finish closing in 10 s is killed: a test never leaves one behind
      const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export interface ProofOrg {
  orgId: string;
  key: string;
  email: string;
  password: string;
}

/** An org written straight to the database: a person, an API key, settings and a demo store. */
export async function seedOrg(db: Db, opts: { settings: Record<string, unknown>; customers: Customer[]; orders: Order[]; password?: string }): Promise<ProofOrg> {
  const suffix = randomBytes(4).toString('hex');
  const email = `owner-${suffix}@example.test`;
  const password = opts.password ?? `pw-${suffix}-correct-horse`;
  const orgId = await db.transaction((tx) => createOrg(tx, `Proof ${suffix}`));
  const key = await withOrg(db, orgId, async (tx) => {
    await createUser(tx, orgId, { email, password });
    await saveSettings(tx, orgId, opts.settings, 'test');
    await loadDemoStore(tx, orgId, { customers: opts.customers, orders: opts.orders });
    return (await createApiKey(tx, orgId, 'proof', 'test')).key;
  });
  return { orgId, key, email, password };
}

/** An executed action long ago, so the org has "seen this type work" (first-time approval satisfied by history). */
export async function seedExecutedHistory(db: Db, orgId: string, type: 'refund' | 'cancel' | 'exchange'): Promise<void> {
  await withOrg(db, orgId, (tx) =>
    tx.executeSql(
      `INSERT INTO actions (org_id, ticket_id, idx, type, order_id, customer_id, amount, status, idempotency_key, created_at, executed_at)
       VALUES ($1, $2, 0, $3, 'old', 'someone-else', 1, 'executed', $4, now() - interval '200 days', now() - interval '200 days')`,
      [orgId, `history-${type}`, type, `history-${type}-${orgId}`],
    ),
  );
}

export async function post(url: string, key: string, path: string, body: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(url + path, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** Polls until every ticket of the org is decided and no intent is pending. */
export async function settled(db: Db, orgId: string, tickets: number, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await db.executeSql<{ decided: number; pending: number }>(
      `SELECT (SELECT count(*)::int FROM tickets WHERE org_id = $1 AND status <> 'queued') AS decided,
              (SELECT count(*)::int FROM actions WHERE org_id = $1 AND status = 'pending') AS pending`,
      [orgId],
    );
    if (rows[0].decided >= tickets && rows[0].pending === 0) return;
    if (Date.now() > until) throw new Error(`not settled after ${timeoutMs} ms: ${JSON.stringify(rows[0])} of ${tickets}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
