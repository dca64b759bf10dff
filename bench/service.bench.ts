// Load run of the service: autocannon POSTs tickets to a real `gatehouse serve` process (a child,
// so the load generator does not share its event loop) on PostgreSQL when DATABASE_URL is set or
// 127.0.0.1:5432 answers, else on PGlite. Reports accepted tickets/s with p50/p99, decided
// tickets/s (the worker draining the queue), and both again after the store grows from 1,000 to
// 100,000 tickets (indexes keep the cost flat). Peer: a bare node:http + pg endpoint doing one
// INSERT per request, the floor any durable accept pays; the ratio is printed.
// Env: BENCH_SECONDS (default 10), BENCH_CONNECTIONS (32), BENCH_WORKERS (service workers, 4).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import pg from 'pg';
import { postgresReachable } from './lib/postgres.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 4);


async function findPostgres(): Promise<string | null> {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  for (const url of ['postgres://postgres@127.0.0.1:5432/test', 'postgres://postgres@127.0.0.1:5432/postgres']) if (await postgresReachable(url)) return url;
  return null;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function adminQuery(url: string, text: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await c.query(text);
  } finally {
    await c.end();
  }
}

function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; url: string; apiKey: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'gatehouse.js'), 'serve'], {
      env: { ...process.env, PORT: '0', GATEHOUSE_LOG: 'warn', GATEHOUSE_RATE_LIMIT: '100000000', GATEHOUSE_WORKERS: String(WORKERS), ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const url = /running at (http:\/\/\S+)/.exec(out)?.[1];
      const key = /API key:\s+(gh_\S+)/.exec(out)?.[1];
      if (url && key) resolve({ child, url, apiKey: key });
    });
    child.on('exit', (code) => reject(new Error(`service exited with ${code}: ${out}`)));
  });
}

let seq = 0;
const run = randomBytes(3).toString('hex');
/** A realistic mix: small refunds that execute, order questions, refunds that wait for approval. */
function ticketBody(): string {
  const i = seq++;
  const id = `bench-${run}-${i}`;
  const kind = i % 3;
  if (kind === 0) {
    return JSON.stringify({ ticket: { id, from: 'jane@example.com', subject: 'Broken mug', body: 'My mug from order #1042 arrived broken, refund please.' },
      model: { intent: 'refund_request', confidence: 0.95, actions: [{ type: 'refund', orderId: '1042', amount: 0.01, reason: 'damaged' }], reply: 'Hi Jane, we refunded you. Sorry about the mug.' } });
  }
  if (kind === 1) {
    return JSON.stringify({ ticket: { id, from: 'lee@example.com', subject: 'Where is it?', body: 'When will order 1055 arrive?' },
      model: { intent: 'order_status', confidence: 0.96, actions: [], reply: 'Hi Lee, your order 1055 has shipped.' } });
  }
  return JSON.stringify({ ticket: { id, from: 'omar@example.com', subject: 'Rug', body: 'Refund the rug from #1047 please.' },
    model: { intent: 'refund_request', confidence: 0.9, actions: [{ type: 'refund', orderId: '1047', amount: 120, reason: 'not as described' }], reply: 'Hi Omar, refunded.' } });
}

async function load(url: string, headers: Record<string, string>, body: () => string) {
  const result = await autocannon({
    url, connections: CONNECTIONS, duration: SECONDS, method: 'POST', headers: { 'content-type': 'application/json', ...headers },
    requests: [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, body: body() }) }],
  } as unknown as autocannon.Options);
  const ok = result['2xx'];
  return { rps: ok / SECONDS, p50: result.latency.p50, p99: result.latency.p99, errors: result.non2xx + result.errors, total: ok };
}

async function waitDrained(count: () => Promise<number>, timeoutMs = 300_000): Promise<number> {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    if ((await count()) === 0) return Date.now() - t0;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the queue did not drain');
}

/** Floor peer: one INSERT per request on a bare node:http server (same machine, same database). */
async function peer(dbUrl: string | null) {
  if (!dbUrl) return null;
  const pool = new pg.Pool({ connectionString: dbUrl, max: 10 });
  await pool.query('CREATE TABLE IF NOT EXISTS peer_tickets (id text PRIMARY KEY, payload jsonb)');
  const server = createServer((req, res) => {
    let data = '';
    req.on('data', (d) => (data += d));
    req.on('end', async () => {
      const body = JSON.parse(data);
      await pool.query('INSERT INTO peer_tickets (id, payload) VALUES ($1, $2) ON CONFLICT DO NOTHING', [body.ticket.id, data]);
      res.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify({ id: body.ticket.id }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  const result = await load(`http://127.0.0.1:${port}/`, {}, ticketBody);
  server.close();
  await pool.end();
  return result;
}

async function preload(dbUrl: string | null, total: number) {
  if (!dbUrl) return;
  // stored history a real org accumulates: decided tickets with their audit entries
  await adminQuery(dbUrl, `
    INSERT INTO tickets (org_id, id, payload, payload_hash, customer_id, status, outcome, intent, decision, created_at, decided_at)
    SELECT o.id, 'old-' || g, '{"ticket":{"id":"old","body":"x"}}', 'h', 'cus_' || (g % 500), 'decided', 'needs_review', 'refund_request', '{}',
           now() - (g || ' minutes')::interval, now() - (g || ' minutes')::interval
      FROM orgs o, generate_series((SELECT count(*) FROM tickets WHERE id LIKE 'old-%') + 1, ${total}) g
    ON CONFLICT DO NOTHING;
    INSERT INTO audit_log (org_id, type, event, status, actor, ticket_id, at)
    SELECT org_id, 'ticket', 'ticket.decided', 'needs_review', 'ai', id, created_at FROM tickets
     WHERE id LIKE 'old-%' AND NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.ticket_id = tickets.id);
    ANALYZE;`);
}

async function main() {
  const pgUrl = await findPostgres();
  const dbName = `gh_bench_${randomBytes(4).toString('hex')}`;
  let dataDir: string | null = null;
  let env: Record<string, string>;
  let dbUrl: string | null = null;
  if (pgUrl) {
    await adminQuery(pgUrl, `CREATE DATABASE ${dbName}`);
    dbUrl = withDatabase(pgUrl, dbName);
    env = { DATABASE_URL: dbUrl, DATABASE_POOL_SIZE: '20' };
  } else {
    dataDir = mkdtempSync(join(tmpdir(), 'gh-bench-'));
    env = { GATEHOUSE_DATA_DIR: dataDir, DATABASE_URL: '' };
  }
  console.log(`engine: ${pgUrl ? 'PostgreSQL' : 'PGlite'}; ${CONNECTIONS} connections for ${SECONDS} s; ${WORKERS} workers; 2-core machine shared with other work (figures are noisy)`);
  const { child, url, apiKey } = await startServer(env);
  const auth = { authorization: `Bearer ${apiKey}` };
  try {
    // live mode, limits out of the way: the load measures the service, not the caps
    const put = await fetch(`${url}/v1/settings`, { method: 'PUT', headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify({ settings: { mode: 'live', firstTimeApproval: false, limits: { orgActionsPerHour: 1_000_000, customerActions: 1_000_000, customerWindowDays: 1 }, abuse: { windowDays: 1, maxRefunds: 1_000_000, maxDamageClaims: 1_000_000, maxRefundRatio: 1_000_000 } } }) });
    if (!put.ok) throw new Error(`settings: ${put.status} ${await put.text()}`);
    const queued = async () => {
      if (!dbUrl) {
        // PGlite belongs to the service process: ask it whether the last ticket posted is decided
        const res = await fetch(`${url}/v1/tickets/bench-${run}-${seq - 1}`, { headers: auth });
        return res.ok && (await res.json()).status !== 'queued' ? 0 : 1;
      }
      const r = await adminQuery(dbUrl, `SELECT count(*)::int AS n FROM tickets WHERE status = 'queued'`);
      return r.rows[0].n as number;
    };
    const rows: Array<Record<string, string | number>> = [];
    for (const stored of dbUrl ? [1_000, 100_000] : [0]) {
      await preload(dbUrl, stored);
      const t0 = Date.now();
      const r = await load(`${url}/v1/tickets`, auth, ticketBody);
      const drainMs = await waitDrained(queued);
      const decidedPerSec = r.total / ((Date.now() - t0) / 1000);
      rows.push({ stored: stored ? stored.toLocaleString('en') : 'seed', 'accepted/s': Math.round(r.rps), 'p50 ms': r.p50, 'p99 ms': r.p99, 'errors': r.errors, 'decided/s': Math.round(decidedPerSec), 'drain after load s': (drainMs / 1000).toFixed(1), 'ms per ticket (decide)': (1000 / decidedPerSec).toFixed(2) });
    }
    console.table(rows);
    const floor = await peer(dbUrl);
    if (floor) {
      console.log(`peer (bare node:http + one pg INSERT): ${Math.round(floor.rps)} req/s, p50 ${floor.p50} ms, p99 ${floor.p99} ms`);
      console.log(`ratio gatehouse/peer accepted/s: ${(Number(rows[0]['accepted/s']) / floor.rps).toFixed(2)}`);
    }
    const first = rows[0];
    const target = Number(first['accepted/s']) >= 500 && Number(first['p99 ms']) < 50;
    console.log(`target >= 500 tickets/s with p99 < 50 ms: ${target ? 'met' : 'NOT met'} (accepted ${first['accepted/s']}/s, p99 ${first['p99 ms']} ms; decided ${first['decided/s']}/s)`);
    if (rows.length === 2) {
      const ratio = Number(rows[1]['ms per ticket (decide)']) / Number(rows[0]['ms per ticket (decide)']);
      console.log(`cost per ticket at 100,000 vs 1,000 stored tickets: x${ratio.toFixed(2)}`);
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    if (pgUrl) await adminQuery(pgUrl, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
