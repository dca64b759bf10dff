// Concurrency on PostgreSQL with two real service processes sharing one fresh database:
// 64 concurrent clients want refunds against the same customer and org caps; the number executed
// equals the cap exactly, every time (20 rounds); an order's refundable amount is never exceeded;
// the same ticket posted 10 times is decided once; the same approval clicked twice executes once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customer, order, refundTicket } from '../helpers/fixtures.ts';
import { PG_URL, freshDatabase, post, seedExecutedHistory, seedOrg, settled, startServer, type Server } from './cluster.ts';
import type { Db } from '../../src/service/db/port.ts';

const ROUNDS = Number(process.env.PROOF_ROUNDS ?? 20);
const CLIENTS = 64;
const CUSTOMER_CAP = 5;
const ORG_CAP = 7;
const RELAXED_ABUSE = { maxRefunds: 1000, maxDamageClaims: 1000, maxRefundRatio: 100, windowDays: 90 };

describe.skipIf(!PG_URL)('concurrency on PostgreSQL, two service processes', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let db: Db;
  const servers: Server[] = [];

  beforeAll(async () => {
    database = await freshDatabase();
    db = database.db;
    // an org exists before the servers start, so neither seeds a demo organisation
    await seedOrg(db, { settings: { mode: 'shadow' }, customers: [], orders: [] });
    for (let i = 0; i < 2; i++) servers.push(await startServer({ DATABASE_URL: database.url, GATEHOUSE_WORKERS: '4', GATEHOUSE_LOG: 'warn' }));
  }, 60_000);

  afterAll(async () => {
    for (const s of servers) await s.stop();
    await database?.drop();
  }, 30_000);

  /** Client i talks to server i % 2: both processes take requests and both run workers. */
  const serverFor = (i: number) => servers[i % servers.length].url;

  async function statuses(orgId: string) {
    const { rows } = await db.executeSql<{ status: string; customer_id: string; n: number }>(
      'SELECT status, customer_id, count(*)::int AS n FROM actions WHERE org_id = $1 GROUP BY status, customer_id', [orgId]);
    return rows;
  }

  it(`caps: ${CLIENTS} concurrent refund tickets execute exactly the cap (org cap ${ORG_CAP} on even rounds, customer cap ${CUSTOMER_CAP} on odd ones), ${ROUNDS} rounds out of ${ROUNDS}`, async () => {
    const executedPerRound: number[] = [];
    const expected: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // even rounds: two customers, the org cap binds; odd rounds: one customer, the customer cap binds.
      // One order per ticket, so only the caps can stop a ticket.
      const orgCapRound = round % 2 === 0;
      const emailOf = (i: number) => (orgCapRound && i % 2 ? 'y@example.com' : 'x@example.com');
      const orders = Array.from({ length: CLIENTS }, (_, i) => order(`${9000 + i}`, emailOf(i) === 'y@example.com' ? 'cy' : 'cx', 100));
      const org = await seedOrg(db, {
        // abuse detection relaxed so that only the caps under test can stop a ticket
        settings: { mode: 'live', firstTimeApproval: true, limits: { customerActions: CUSTOMER_CAP, orgActionsPerHour: orgCapRound ? ORG_CAP : 1000, customerWindowDays: 30 }, abuse: RELAXED_ABUSE },
        customers: [customer('cx', 'x@example.com'), customer('cy', 'y@example.com')],
        orders,
      });
      await seedExecutedHistory(db, org.orgId, 'refund'); // first-time approval satisfied by history
      const t0 = Date.now();
      const answers = await Promise.all(orders.map((o, i) => post(serverFor(i), org.key, '/v1/tickets', refundTicket(`r${round}-t${i}`, emailOf(i), o.id, 10))));
      expect(answers.every((a) => a.status === 202), JSON.stringify(answers.find((a) => a.status !== 202))).toBe(true);
      const t1 = Date.now();
      await settled(db, org.orgId, CLIENTS);
      if (process.env.PROOF_TIMING) console.log(`round ${round}: posted in ${t1 - t0} ms, settled in ${Date.now() - t1} ms`);
      const rows = await statuses(org.orgId);
      const executed = rows.filter((r) => r.status === 'executed' && r.customer_id !== 'someone-else');
      const total = executed.reduce((s, r) => s + r.n, 0);
      executedPerRound.push(total);
      expected.push(orgCapRound ? ORG_CAP : CUSTOMER_CAP);
      for (const r of executed) expect(r.n, `customer ${r.customer_id}`).toBeLessThanOrEqual(CUSTOMER_CAP);
      // everything else was refused at the limits gate, none is left half-done
      const other = rows.filter((r) => r.status !== 'executed');
      expect(other.every((r) => r.status === 'blocked'), JSON.stringify(rows)).toBe(true);
      const mutations = await db.executeSql<{ n: number }>('SELECT count(*)::int AS n FROM store_mutations WHERE org_id = $1', [org.orgId]);
      expect(mutations.rows[0].n).toBe(total);
    }
    expect(executedPerRound).toEqual(expected);
  }, 300_000);

  it('refundable amount: 16 concurrent refunds of 15.00 on one 40.00 order move at most 40.00, and exactly two execute', async () => {
    for (let round = 0; round < 5; round++) {
      const org = await seedOrg(db, {
        settings: { mode: 'live', limits: { customerActions: 100, orgActionsPerHour: 1000, customerWindowDays: 30 }, abuse: RELAXED_ABUSE },
        customers: [customer('cz', 'z@example.com')],
        orders: [order('7777', 'cz', 40)],
      });
      await seedExecutedHistory(db, org.orgId, 'refund');
      await Promise.all(Array.from({ length: 16 }, (_, i) => post(serverFor(i), org.key, '/v1/tickets', refundTicket(`same-order-${i}`, 'z@example.com', '7777', 15))));
      await settled(db, org.orgId, 16);
      const moved = await db.executeSql<{ n: number; total: string }>('SELECT count(*)::int AS n, coalesce(sum(amount), 0) AS total FROM store_mutations WHERE org_id = $1', [org.orgId]);
      const stored = await db.executeSql<{ refunded: string; total: string }>('SELECT refunded_amount AS refunded, total_price AS total FROM orders WHERE org_id = $1', [org.orgId]);
      expect(Number(moved.rows[0].total)).toBeLessThanOrEqual(40);
      expect(Number(stored.rows[0].refunded)).toBeLessThanOrEqual(Number(stored.rows[0].total));
      expect(moved.rows[0].n).toBe(2);
      const rows = await statuses(org.orgId);
      const executed = rows.filter((r) => r.status === 'executed' && r.customer_id === 'cz').reduce((s, r) => s + r.n, 0);
      expect(executed).toBe(2);
      // the gates refused the rest before the store had to: no action failed at the store
      expect(rows.filter((r) => r.status === 'failed'), JSON.stringify(rows)).toEqual([]);
    }
  }, 60_000);

  it('retries: the same ticket posted 10 times at once, to both processes, is decided once and executes once', async () => {
    const org = await seedOrg(db, { settings: { mode: 'live' }, customers: [customer('cr', 'r@example.com')], orders: [order('8100', 'cr', 60)] });
    await seedExecutedHistory(db, org.orgId, 'refund');
    const body = refundTicket('retried', 'r@example.com', '8100', 20);
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => post(serverFor(i), org.key, '/v1/tickets', body)));
    expect(answers.filter((a) => a.status === 202)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 200 && a.body.duplicate === true)).toHaveLength(9);
    await settled(db, org.orgId, 1);
    const count = async (sql: string) => (await db.executeSql<{ n: number }>(sql, [org.orgId])).rows[0].n;
    expect(await count('SELECT count(*)::int AS n FROM tickets WHERE org_id = $1')).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM decisions WHERE org_id = $1 AND kind = 'ticket'`)).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM jobs WHERE org_id = $1`)).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM actions WHERE org_id = $1 AND status = 'executed' AND ticket_id = 'retried'`)).toBe(1);
    expect(await count('SELECT count(*)::int AS n FROM store_mutations WHERE org_id = $1')).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE org_id = $1 AND event = 'action.executed'`)).toBe(1);
  }, 30_000);

  it('approvals: the same approval clicked twice at once, on both processes, executes once', async () => {
    for (let round = 0; round < 5; round++) {
      // above the auto-approve ceiling: the refund waits for a person
      const org = await seedOrg(db, { settings: { mode: 'live' }, customers: [customer('ca', 'a@example.com')], orders: [order('8200', 'ca', 150)] });
      await seedExecutedHistory(db, org.orgId, 'refund');
      await post(servers[0].url, org.key, '/v1/tickets', refundTicket('big', 'a@example.com', '8200', 120));
      await settled(db, org.orgId, 1);
      const waiting = await db.executeSql<{ id: string }>(`SELECT id FROM actions WHERE org_id = $1 AND status = 'awaiting_approval'`, [org.orgId]);
      expect(waiting.rows).toHaveLength(1);
      const id = waiting.rows[0].id;
      const clicks = await Promise.all([0, 1, 0, 1].map((i) => post(servers[i].url, org.key, `/v1/approvals/${id}/approve`, { orderId: '8200', amount: 120 })));
      expect(clicks.filter((c) => c.status === 200), JSON.stringify(clicks)).toHaveLength(1);
      expect(clicks.filter((c) => c.status === 409)).toHaveLength(3);
      await settled(db, org.orgId, 1);
      const mutations = await db.executeSql<{ n: number }>('SELECT count(*)::int AS n FROM store_mutations WHERE org_id = $1', [org.orgId]);
      expect(mutations.rows[0].n).toBe(1);
      const audit = await db.executeSql<{ event: string }>(`SELECT event FROM audit_log WHERE org_id = $1 AND action_id = $2::uuid ORDER BY id`, [org.orgId, id]);
      expect(audit.rows.filter((r) => r.event === 'action.executed')).toHaveLength(1);
      expect(audit.rows.filter((r) => r.event === 'action.approved')).toHaveLength(1);
    }
  }, 60_000);
});
