// Secrets: a real `gatehouse serve` process works through a scenario that handles an API key, a
// session, a password (right and wrong), the service secret, database and Redis passwords, and a
// customer's card number; every line it writes to stdout and stderr is captured and searched.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customer, order, refundTicket } from '../helpers/fixtures.ts';
import { PG_URL, freshDatabase, seedExecutedHistory, seedOrg, startServer, type Server } from './cluster.ts';
import { openDb } from '../../src/service/db/open.ts';
import type { Db } from '../../src/service/db/port.ts';

const SERVICE_SECRET = 'svc-secret-Zq8wX1vB7nM3kL0p';
const DB_PASSWORD = 'db-pass-Hy7Tr4Ee2Ww9';
const REDIS_PASSWORD = 'redis-pass-Ul5Kj8Gg3Ff1';
const PASSWORD = 'user-pass-Correct-Horse-Battery-9';
const WRONG_PASSWORD = 'user-pass-Wrong-Guess-Staple-4';
const CARD = '4111 1111 1111 1111';
const CARD_DIGITS = '4111111111111111';
const STORE_TOKEN = 'shpat_0123456789abcdef0123456789abcdef';

describe('secrets never reach the logs of a running service', () => {
  let server: Server;
  let key: string;
  let cleanup: () => Promise<void>;
  let dbUrl = '';
  const secrets: Record<string, string> = {};

  beforeAll(async () => {
    let db: Db;
    let env: Record<string, string>;
    if (PG_URL) {
      const database = await freshDatabase();
      db = database.db;
      // trust authentication accepts any password: the URL carries one the logs must never show
      const url = new URL(database.url);
      url.password = DB_PASSWORD;
      dbUrl = url.toString();
      env = { DATABASE_URL: dbUrl };
      cleanup = () => database.drop();
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'gh-proof-secrets-'));
      db = await openDb({ dataDir: dir });
      env = { GATEHOUSE_DATA_DIR: dir };
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    }
    const org = await seedOrg(db, { settings: { mode: 'live' }, customers: [customer('cs', 'card@example.com')], orders: [order('6500', 'cs', 90), order('6501', 'cs', 10)], password: PASSWORD });
    await seedExecutedHistory(db, org.orgId, 'refund');
    key = org.key;
    Object.assign(secrets, { apiKey: key, password: PASSWORD, wrongPassword: WRONG_PASSWORD, serviceSecret: SERVICE_SECRET, card: CARD, cardDigits: CARD_DIGITS, storeToken: STORE_TOKEN, redisPassword: REDIS_PASSWORD });
    if (PG_URL) secrets.dbPassword = DB_PASSWORD;
    if (!PG_URL) await db.close(); // PGlite: one process at a time on the folder
    server = await startServer({ ...env, GATEHOUSE_SECRET: SERVICE_SECRET, REDIS_URL: `redis://:${REDIS_PASSWORD}@127.0.0.1:6379`, GATEHOUSE_LOG: 'info', GATEHOUSE_WORKERS: '2' });
    (server as Server & { email?: string }).email = org.email;
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    await cleanup?.();
  }, 30_000);

  it('after sign-ins, key use, failures, card numbers in tickets and replies, no secret appears in stdout or stderr', async () => {
    const url = server.url;
    server.proc.once('exit', (code, signal) => {
      if (code !== 0 && signal !== 'SIGTERM') process.stderr.write(`gatehouse serve exited (${code ?? signal}) mid-test; its last output:\n${server.output().slice(-3000)}\n`);
    });
    const email = (server as Server & { email?: string }).email!;
        // one retry: a kept-alive socket the server closes just as a request goes out resets (a client race, not the service)
    const call = async (method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<Response> => {
      const send = () => fetch(url + path, { method, headers: { ...headers, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
      return send().catch(send);
    };
    const bearer = { authorization: `Bearer ${key}` };

    // wrong and right passwords
    for (let i = 0; i < 3; i++) await call('POST', '/v1/auth/login', {}, { email, password: WRONG_PASSWORD });
    const login = await call('POST', '/v1/auth/login', {}, { email, password: PASSWORD });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    secrets.session = cookie.split('=')[1];
    const session = { cookie, origin: url, host: new URL(url).host };
    const created = await call('POST', '/v1/api-keys', session, { name: 'zendesk' });
    expect(created.status).toBe(201);
    secrets.newKey = (await created.json()).key;

    // tickets with a card number in the body and in the AI's reply, one executed, one waiting, one refused
    const withCard = refundTicket('card-1', 'card@example.com', '6501', 10);
    withCard.ticket.body += ` My card is ${CARD}, token ${STORE_TOKEN}.`;
    withCard.model.reply = `Refunded to card ${CARD_DIGITS}.`;
    expect((await call('POST', '/v1/tickets', bearer, withCard)).status).toBe(202);
    const big = refundTicket('card-2', 'card@example.com', '6500', 80);
    big.ticket.subject = `Card ${CARD}`;
    await call('POST', '/v1/tickets', bearer, big);
    await call('POST', '/v1/tickets', bearer, { ticket: { id: 'bad', body: CARD, receivedAt: 'not a date' } });
    await call('POST', '/v1/tickets', bearer, JSON.stringify({ broken: CARD }).slice(0, -2));
    // an input the service fails on (the NUL-character bug, a 500 today): its error is logged, with no secret in it
    const nul = refundTicket('card-nul', 'card@example.com', '6501', 5);
    nul.ticket.body = `card ${CARD} key ${key} \u0000`;
    const nulStatus = (await call('POST', '/v1/tickets', bearer, nul)).status;
    // a key that is wrong, a revoked one, and the new one
    await call('GET', '/v1/tickets', { authorization: `Bearer ${key}x` });
    await call('GET', '/v1/tickets', { authorization: `Bearer ${secrets.newKey}` });
    await call('GET', '/v1/audit?format=jsonl', bearer);
    // settings that are refused, with a secret-looking value
    await call('PUT', '/v1/settings', bearer, { settings: { guardrails: { blockedPatterns: [{ id: 'x', kind: 'regex', pattern: `(${STORE_TOKEN}+)+$` }] } } });
    // wait until both tickets are decided (and the refund executed)
    for (let i = 0; i < 200; i++) {
      const res = await call('GET', '/v1/tickets/card-2', bearer);
      if (res.status === 200 && (await res.json()).status !== 'queued') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await call('POST', '/v1/auth/logout', session);
    await server.stop('SIGTERM');

    const output = server.output();
    // while that bug stands, the run goes through the error path that logs (the search below means something)
    if (nulStatus === 500) expect(output).toMatch(/"level":"error","msg":"unhandled error"/);
    expect(output.length).toBeGreaterThan(0);
    for (const [name, value] of Object.entries(secrets)) {
      expect(value, name).toBeTruthy();
      expect(output.includes(value), `the logs contain the ${name}`).toBe(false);
    }
    if (dbUrl) expect(output.includes(dbUrl)).toBe(false);
  }, 90_000);
});
