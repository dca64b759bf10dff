// Proof under load (issue 9): end-to-end ticket throughput and latency of real `gatehouse serve`
// processes on PostgreSQL. Every ticket asks for a refund that executes (the heaviest path: the
// org's lock, the limits re-read, the intent, the store write, the audit entries), so the figures
// are decided-and-executed tickets, not accepted requests.
//  1. 1, 2 and 4 service processes (each with GATEHOUSE_WORKERS=4) on one database; clients spread
//     round-robin over them. Reported: tickets/s (first accept to last decision), p50/p99 of the
//     HTTP accept and of accept-to-decided (from the database's own timestamps).
//  2. Cost per ticket as stored data grows: the same run after bulk-inserting 1,000, 10,000 and
//     100,000 decided tickets with their actions, decisions, jobs and audit entries (plain SQL).
// The ratio lines compare each run with the first (1 process, and 1,000 stored tickets).
// Skips with a message when PostgreSQL is unreachable. Env: PROOF_BENCH_TICKETS (default 600),
// PROOF_BENCH_CLIENTS (32). Figures are noisy on a shared machine.
import { randomBytes } from 'node:crypto';
import { PG_URL as ENV_URL, freshDatabase, seedExecutedHistory, seedOrg, startServer, type Server } from '../test/proof/cluster.ts';
import { customer, order, refundTicket } from '../test/helpers/fixtures.ts';
import type { Db } from '../src/service/db/port.ts';
import { postgresReachable } from './lib/postgres.ts';

const TICKETS = Number(process.env.PROOF_BENCH_TICKETS ?? 400);
/** fewer per growth step: each step re-runs the whole executing path */
const GROWTH_TICKETS = Number(process.env.PROOF_BENCH_GROWTH_TICKETS ?? 100);
const CLIENTS = Number(process.env.PROOF_BENCH_CLIENTS ?? 32);
const CUSTOMERS = 200;
const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/test';


const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

interface RunResult {
  tickets: number;
  perSecond: number;
  acceptP50: number;
  acceptP99: number;
  decidedP50: number;
  decidedP99: number;
  executed: number;
}

/** An org whose refunds all execute: limits and abuse far above the load, first refund long ago. */
async function loadOrg(db: Db) {
  const customers = Array.from({ length: CUSTOMERS }, (_, i) => customer(`c${i}`, `c${i}@example.com`));
  const org = await seedOrg(db, {
    settings: {
      mode: 'live',
      limits: { orgActionsPerHour: 10_000_000, customerActions: 10_000_000, customerWindowDays: 30 },
      abuse: { maxRefunds: 10_000_000, maxDamageClaims: 10_000_000, maxRefundRatio: 1_000_000, windowDays: 90 },
    },
    customers,
    orders: customers.map((c, i) => order(`${100_000 + i}`, String(c.id), 100_000)),
  });
  await seedExecutedHistory(db, org.orgId, 'refund');
  return org;
}

/** TICKETS refund tickets from CLIENTS concurrent clients, then waits until all are decided and executed. */
async function run(db: Db, servers: Server[], orgId: string, key: string, label: string, tickets = TICKETS): Promise<RunResult> {
  const accept: number[] = [];
  const ids = Array.from({ length: tickets }, (_, i) => `${label}-${i}`);
  let next = 0;
  const prefix = `${label}-${randomBytes(3).toString('hex')}`;
  ids.forEach((_, i) => (ids[i] = `${prefix}-${i}`));
  const client = async (c: number) => {
    for (let i = next++; i < tickets; i = next++) {
      const n = i % CUSTOMERS;
      const body = JSON.stringify(refundTicket(ids[i], `c${n}@example.com`, `${100_000 + n}`, 1));
      const t = performance.now();
      const res = await fetch(`${servers[(c + i) % servers.length].url}/v1/tickets`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body });
      await res.arrayBuffer();
      if (res.status !== 202) throw new Error(`POST /v1/tickets answered ${res.status}`);
      accept.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
  for (;;) {
    const { rows } = await db.executeSql<{ open: number }>(
      `SELECT (SELECT count(*)::int FROM tickets WHERE org_id = $1 AND id = ANY($2::text[]) AND status = 'queued')
            + (SELECT count(*)::int FROM actions WHERE org_id = $1 AND ticket_id = ANY($2::text[]) AND status = 'pending') AS open`, [orgId, ids]);
    if (rows[0].open === 0) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const { rows } = await db.executeSql<Record<string, number>>(
    `SELECT count(*)::int AS n,
            extract(epoch FROM max(t.decided_at) - min(t.created_at))::float8 AS span,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM t.decided_at - t.created_at))::float8 * 1000 AS p50,
            percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM t.decided_at - t.created_at))::float8 * 1000 AS p99,
            (SELECT count(*)::int FROM actions a WHERE a.org_id = $1 AND a.ticket_id = ANY($2::text[]) AND a.status = 'executed') AS executed
       FROM tickets t WHERE t.org_id = $1 AND t.id = ANY($2::text[])`, [orgId, ids]);
  const r = rows[0];
  accept.sort((a, b) => a - b);
  return { tickets, perSecond: r.n / r.span, acceptP50: quantile(accept, 0.5), acceptP99: quantile(accept, 0.99), decidedP50: r.p50, decidedP99: r.p99, executed: r.executed };
}

/**
 * Bulk history for the org: decided tickets with an executed refund each, from the store's other
 * customers (five tickets each: a store grows by customers, not by one customer's thousands), one
 * every 5 minutes going back from 2 hours ago (100,000 reach back 347 days).
 */
async function growTo(db: Db, orgId: string, from: number, to: number) {
  await db.executeSql(
    `WITH g AS (SELECT i, now() - interval '2 hours' - i * interval '5 minutes' AS at FROM generate_series($2::int, $3::int - 1) AS i)
     INSERT INTO tickets (org_id, id, payload, payload_hash, customer_email, customer_id, status, outcome, intent, reason, decision, created_at, decided_at)
     SELECT $1, 'bulk-' || i, jsonb_build_object('ticket', jsonb_build_object('id', 'bulk-' || i, 'from', 'bulk-c' || (i / 5) || '@example.com', 'subject', 'Refund', 'body', 'Order #1 broke')),
            md5(i::text), 'bulk-c' || (i / 5) || '@example.com', 'bulk-c' || (i / 5), 'decided', 'executed', 'refund_request', 'damaged',
            '{"outcome":"executed"}'::jsonb, at, at FROM g`, [orgId, from, to]);
  await db.executeSql(
    `WITH g AS (SELECT i, now() - interval '2 hours' - i * interval '5 minutes' AS at FROM generate_series($2::int, $3::int - 1) AS i)
     INSERT INTO actions (org_id, ticket_id, idx, type, order_id, customer_id, amount, status, reason, idempotency_key, created_at, executed_at)
     SELECT $1, 'bulk-' || i, 0, 'refund', 'old-' || i, 'bulk-c' || (i / 5), 1, 'executed', 'damaged', 'bulk-key-' || i, at, at FROM g`, [orgId, from, to]);
  await db.executeSql(
    `WITH g AS (SELECT i, now() - interval '2 hours' - i * interval '5 minutes' AS at FROM generate_series($2::int, $3::int - 1) AS i)
     INSERT INTO decisions (org_id, ticket_id, kind, actor, outcome, decision, created_at)
     SELECT $1, 'bulk-' || i, 'ticket', 'ai', 'executed', '{"outcome":"executed"}'::jsonb, at FROM g`, [orgId, from, to]);
  await db.executeSql(
    `INSERT INTO jobs (org_id, kind, payload, status, attempts, created_at, updated_at)
     SELECT $1, 'ticket', jsonb_build_object('ticketId', 'bulk-' || i), 'done', 1, now() - interval '2 hours', now() - interval '2 hours'
       FROM generate_series($2::int, $3::int - 1) AS i`, [orgId, from, to]);
  await db.executeSql(
    `WITH g AS (SELECT i, now() - interval '2 hours' - i * interval '5 minutes' AS at FROM generate_series($2::int, $3::int - 1) AS i)
     INSERT INTO audit_log (org_id, at, type, event, status, actor, ticket_id, customer_id, amount, currency)
     SELECT $1, at, t.type, t.event, t.status, 'ai', 'bulk-' || i, 'bulk-c' || (i / 5), 1, 'USD'
       FROM g CROSS JOIN (VALUES ('ticket', 'ticket.decided', 'executed'), ('refund', 'action.executed', 'executed')) AS t(type, event, status)`, [orgId, from, to]);
  // the bulk load's aftermath (autovacuum of the new rows, a checkpoint of the dirty pages) is setup,
  // not the service: done here, before the measured run, so it does not land inside it
  await db.executeScript('VACUUM ANALYZE');
  await db.executeScript('CHECKPOINT');
}

const fmt = (r: RunResult) =>
  `${r.perSecond.toFixed(0).padStart(5)} tickets/s   accept p50 ${r.acceptP50.toFixed(1)} ms p99 ${r.acceptP99.toFixed(1)} ms   accept→decided p50 ${r.decidedP50.toFixed(0)} ms p99 ${r.decidedP99.toFixed(0)} ms   executed ${r.executed}/${r.tickets}`;

async function main() {
  const base = ENV_URL ?? ((await postgresReachable(DEFAULT_URL)) ? DEFAULT_URL : null);
  if (!base || !(await postgresReachable(base))) {
    console.log('proof-load: skipped (PostgreSQL is unreachable; set DATABASE_URL)');
    return;
  }
  process.env.DATABASE_URL = base;
  const database = await freshDatabase();
  const { db } = database;
  const servers: Server[] = [];
  const stopAll = async () => {
    for (const s of servers.splice(0)) await s.stop();
  };
  try {
    await seedOrg(db, { settings: { mode: 'shadow' }, customers: [], orders: [] }); // no demo seeding at start
    console.log(`proof-load: ${TICKETS} executing refund tickets per run, ${CLIENTS} concurrent clients, PostgreSQL, GATEHOUSE_WORKERS=4 per process`);

    const byProcesses: RunResult[] = [];
    for (const processes of [1, 2, 4]) {
      const org = await loadOrg(db);
      for (let i = 0; i < processes; i++) servers.push(await startServer({ DATABASE_URL: database.url, GATEHOUSE_WORKERS: '4', GATEHOUSE_LOG: 'warn' }));
      await run(db, servers, org.orgId, org.key, `warm${processes}`); // warm-up (JIT, pools), not reported
      const r = await run(db, servers, org.orgId, org.key, `p${processes}`);
      byProcesses.push(r);
      console.log(`  ${processes} process${processes > 1 ? 'es' : '  '}: ${fmt(r)}   ratio ${(r.perSecond / byProcesses[0].perSecond).toFixed(2)}× of 1 process`);
      await stopAll();
    }

    console.log('proof-load: cost per ticket as stored data grows (1 process)');
    const org = await loadOrg(db);
    servers.push(await startServer({ DATABASE_URL: database.url, GATEHOUSE_WORKERS: '4', GATEHOUSE_LOG: 'warn' }));
    let stored = 0;
    const growth: RunResult[] = [];
    for (const size of [1_000, 10_000, 100_000]) {
      await growTo(db, org.orgId, stored, size);
      stored = size;
      if (growth.length === 0) await run(db, servers, org.orgId, org.key, 'warm-growth', GROWTH_TICKETS);
      const r = await run(db, servers, org.orgId, org.key, `g${size}`, GROWTH_TICKETS);
      growth.push(r);
      const cost = 1000 / r.perSecond;
      console.log(`  ${String(size).padStart(7)} stored: ${fmt(r)}   ${cost.toFixed(2)} ms/ticket   ratio ${(growth[0].perSecond / r.perSecond).toFixed(2)}× the cost at 1,000`);
    }
  } finally {
    await stopAll();
    await database.drop();
  }
}

await main();
