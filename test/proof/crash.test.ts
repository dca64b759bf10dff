// Crash: a service process is killed with SIGKILL at chosen points of an execution, then
// restarted. Every action reaches the store at most once (mutations counted at the store) and
// every one is in the audit log with its true status.
//
// The service runs the built-in demo store (its `storeResolver` does not yet route an org to a
// connected Shopify store, so the local Shopify peer cannot be used here). The delay that holds the
// process at a crash point is a trigger in the test's own database: `pg_sleep` inside the very
// statement that records the intent, writes to the store, or records the store's answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customer, order, refundTicket } from '../helpers/fixtures.ts';
import { PG_URL, freshDatabase, post, seedExecutedHistory, seedOrg, settled, startServer, type Server } from './cluster.ts';
import type { Db } from '../../src/service/db/port.ts';

/** Where the process is held (and killed): each is a statement inside one step of the execution. */
const POINTS = {
  /** recording the intent (the decision's transaction, before any store call) */
  intent: { table: 'actions', on: 'INSERT' },
  /** the store call in flight (the demo store's write, before it commits) */
  store: { table: 'store_mutations', on: 'INSERT' },
  /** the store has answered and committed; recording the result */
  record: { table: 'actions', on: 'UPDATE' },
} as const;
type Point = keyof typeof POINTS;

async function installCrashHooks(db: Db) {
  await db.executeScript(`
    CREATE TABLE proof_crash_point (org_id uuid PRIMARY KEY, point text NOT NULL);
    CREATE FUNCTION proof_hold() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM proof_crash_point WHERE org_id = NEW.org_id AND point = TG_ARGV[0]) THEN
        PERFORM pg_sleep(20);
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER proof_hold_intent BEFORE INSERT ON actions FOR EACH ROW EXECUTE FUNCTION proof_hold('intent');
    CREATE TRIGGER proof_hold_store BEFORE INSERT ON store_mutations FOR EACH ROW EXECUTE FUNCTION proof_hold('store');
    CREATE TRIGGER proof_hold_record BEFORE UPDATE ON actions FOR EACH ROW WHEN (NEW.status = 'executed') EXECUTE FUNCTION proof_hold('record');
  `);
}

/** Resolves when a backend of this database is asleep in the hook (the process is at the point). */
async function heldAtPoint(db: Db, name: string, timeoutMs = 20_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const { rows } = await db.executeSql<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND wait_event = 'PgSleep' AND pid <> pg_backend_pid()`, [name]);
    if (rows[0].n > 0) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('the process never reached the crash point');
}

describe.skipIf(!PG_URL)('crash: kill -9 during execution, restart, at most once and audited', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let db: Db;
  const running: Server[] = [];

  beforeAll(async () => {
    database = await freshDatabase();
    db = database.db;
    await installCrashHooks(db);
    await seedOrg(db, { settings: { mode: 'shadow' }, customers: [], orders: [] });
  }, 60_000);

  afterAll(async () => {
    for (const s of running) await s.stop('SIGKILL');
    await database?.drop();
  }, 30_000);

  const start = async () => {
    const s = await startServer({ DATABASE_URL: database.url, GATEHOUSE_WORKERS: '2', GATEHOUSE_LOG: 'warn' });
    running.push(s);
    return s;
  };
  const one = async (sql: string, values: unknown[]) => (await db.executeSql<{ n: number }>(sql, values)).rows[0].n;

  for (const point of Object.keys(POINTS) as Point[]) {
    it(`killed while ${point === 'intent' ? 'recording the intent' : point === 'store' ? 'the store call is in flight' : 'recording the store\'s answer'}: executed once after restart, audited as executed`, async () => {
      const org = await seedOrg(db, {
        settings: { mode: 'live' },
        customers: [customer('cc', 'crash@example.com')],
        orders: [order('6100', 'cc', 80)],
      });
      await seedExecutedHistory(db, org.orgId, 'refund');
      await db.executeSql('INSERT INTO proof_crash_point (org_id, point) VALUES ($1, $2)', [org.orgId, point]);

      const first = await start();
      expect((await post(first.url, org.key, '/v1/tickets', refundTicket('crash-1', 'crash@example.com', '6100', 25))).status).toBe(202);
      await heldAtPoint(db, database.name);
      await first.stop('SIGKILL');
      // PostgreSQL notices a dead client only when it next talks to it: end the sleeping backend as
      // the kernel's reset would (its transaction rolls back, its locks go)
      await db.executeSql(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND wait_event = 'PgSleep'`, [database.name]);
      await db.executeSql('DELETE FROM proof_crash_point WHERE org_id = $1', [org.orgId]);
      // the killed process held the job's lease; let it lapse now instead of waiting out the 60 s lease
      await db.executeSql(`UPDATE jobs SET locked_until = now() - interval '1 second' WHERE org_id = $1 AND status = 'running'`, [org.orgId]);
      const mutationsAfterKill = await one('SELECT count(*)::int AS n FROM store_mutations WHERE org_id = $1', [org.orgId]);
      expect(mutationsAfterKill).toBe(point === 'record' ? 1 : 0);

      const second = await start();
      await settled(db, org.orgId, 1);
      await second.stop();

      expect(await one('SELECT count(*)::int AS n FROM store_mutations WHERE org_id = $1', [org.orgId])).toBe(1);
      const refunded = await db.executeSql<{ r: string }>('SELECT refunded_amount AS r FROM orders WHERE org_id = $1', [org.orgId]);
      expect(Number(refunded.rows[0].r)).toBe(25);
      const action = await db.executeSql<{ id: string; status: string; idempotency_key: string }>(`SELECT id, status, idempotency_key FROM actions WHERE org_id = $1 AND ticket_id = 'crash-1'`, [org.orgId]);
      expect(action.rows).toHaveLength(1);
      expect(action.rows[0].status).toBe('executed');
      const mutation = await db.executeSql<{ idempotency_key: string }>('SELECT idempotency_key FROM store_mutations WHERE org_id = $1', [org.orgId]);
      expect(mutation.rows[0].idempotency_key).toBe(action.rows[0].idempotency_key);
      const events = (await db.executeSql<{ event: string; status: string }>(`SELECT event, status FROM audit_log WHERE org_id = $1 AND action_id = $2::uuid ORDER BY id`, [org.orgId, action.rows[0].id])).rows;
      expect(events.filter((e) => e.event === 'action.intent_recorded')).toHaveLength(1);
      expect(events.filter((e) => e.event === 'action.executed')).toEqual([{ event: 'action.executed', status: 'executed' }]);
      expect(await one(`SELECT count(*)::int AS n FROM audit_log WHERE org_id = $1 AND event = 'ticket.decided'`, [org.orgId])).toBe(1);
    }, 90_000);
  }

  it('killed at random moments during a burst, three times: every store write has exactly one executed, audited action', async () => {
    const customers = Array.from({ length: 12 }, (_, i) => customer(`cb${i}`, `burst${i}@example.com`));
    const org = await seedOrg(db, {
      settings: { mode: 'live', limits: { customerActions: 10, orgActionsPerHour: 1000, customerWindowDays: 30 } },
      customers,
      orders: customers.map((c, i) => order(`62${String(i).padStart(2, '0')}`, String(c.id), 50)),
    });
    await seedExecutedHistory(db, org.orgId, 'refund');
    let posted = 0;
    for (let kill = 0; kill < 3; kill++) {
      const s = await start();
      const burst = customers.slice(kill * 4, kill * 4 + 4).map((c, i) => post(s.url, org.key, '/v1/tickets', refundTicket(`burst-${kill}-${i}`, c.email, `62${String(kill * 4 + i).padStart(2, '0')}`, 20)).catch(() => null));
      // once the first ticket is accepted, kill at a random moment of its processing
      await Promise.race(burst);
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 200)));
      await s.stop('SIGKILL');
      posted += (await Promise.all(burst)).filter((r) => r && r.status === 202).length;
      await db.executeSql(`UPDATE jobs SET locked_until = now() - interval '1 second' WHERE org_id = $1 AND status = 'running'`, [org.orgId]);
    }
    expect(posted).toBeGreaterThanOrEqual(3);
    const last = await start();
    await settled(db, org.orgId, posted);
    await last.stop();
    const writes = (await db.executeSql<{ idempotency_key: string; amount: string }>('SELECT idempotency_key, amount FROM store_mutations WHERE org_id = $1', [org.orgId])).rows;
    const actions = (await db.executeSql<{ id: string; status: string; idempotency_key: string }>(`SELECT id, status, idempotency_key FROM actions WHERE org_id = $1 AND ticket_id LIKE 'burst-%'`, [org.orgId])).rows;
    const executedAudit = (await db.executeSql<{ action_id: string }>(`SELECT action_id FROM audit_log WHERE org_id = $1 AND event = 'action.executed'`, [org.orgId])).rows;
    expect(actions.filter((a) => a.status === 'pending')).toEqual([]);
    for (const w of writes) {
      const mine = actions.filter((a) => a.idempotency_key === w.idempotency_key);
      expect(mine.map((a) => a.status)).toEqual(['executed']);
      expect(executedAudit.filter((e) => e.action_id === mine[0].id)).toHaveLength(1);
    }
    // and nothing executed without a store write
    expect(actions.filter((a) => a.status === 'executed').length).toBe(writes.length);
    const orders = (await db.executeSql<{ r: string }>(`SELECT refunded_amount AS r FROM orders WHERE org_id = $1 AND refunded_amount > 0`, [org.orgId])).rows;
    expect(orders.reduce((s, o) => s + Number(o.r), 0)).toBe(writes.reduce((s, w) => s + Number(w.amount), 0));
  }, 120_000);
});
