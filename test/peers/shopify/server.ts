import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSchema, graphql, parse, type OperationDefinitionNode } from 'graphql';
import { shopifyFixtures, type PeerState } from './fixtures.ts';
import { createRoot, type PeerContext } from './resolvers.ts';

/**
 * A local stand-in for the Shopify Admin GraphQL API (127.0.0.1, random port). It validates every
 * document against a subset of Shopify's schema, answers from fixtures, charges a query cost,
 * can throttle, fail or drop a response on demand, and records every mutation it received.
 */

const schema = buildSchema(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));

export interface ReceivedMutation {
  field: string;
  variables: Record<string, unknown>;
  idempotencyKey: string | null;
}

export interface ShopifyPeer {
  url: string;
  token: string;
  state: PeerState;
  /** every request: operation name (or field) and HTTP status */
  requests: { operation: string; status: number }[];
  mutations: ReceivedMutation[];
  /** the next `times` requests answer THROTTLED with this bucket state */
  throttleNext(times?: number, status?: { currentlyAvailable: number; restoreRate: number; requested: number }): void;
  /** report this bucket state on successful answers (default: full, refilling at 50/s) */
  setBucket(bucket: { currentlyAvailable: number; restoreRate: number } | null): void;
  /** the next request for `field` is executed, then the connection is cut before the answer */
  dropResponseAfter(field: string): void;
  /** the next `times` requests answer with this HTTP status, unexecuted */
  failNext(status: number, times?: number): void;
  close(): Promise<void>;
}

const MAX_AVAILABLE = 1000;
const QUERY_COST = 12;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

export async function startShopifyPeer(options: { token?: string; apiVersion?: string; state?: PeerState } = {}): Promise<ShopifyPeer> {
  const token = options.token ?? 'shpat_peer0123456789abcdef0123456789ab';
  const apiVersion = options.apiVersion ?? '2026-01';
  const state = options.state ?? shopifyFixtures();
  let nextId = 90_000;
  const ctx: PeerContext = { state, schema, idempotency: new Map(), nextId: () => ++nextId };
  const root = createRoot(ctx);
  const requests: ShopifyPeer['requests'] = [];
  const mutations: ReceivedMutation[] = [];
  let throttles: { times: number; currentlyAvailable: number; restoreRate: number; requested: number } = { times: 0, currentlyAvailable: 0, restoreRate: 50, requested: QUERY_COST };
  let failures = { times: 0, status: 500 };
  const drops = new Set<string>();
  let bucket: { currentlyAvailable: number; restoreRate: number } | null = null;

  function send(res: ServerResponse, status: number, body: unknown, operation: string) {
    requests.push({ operation, status });
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    if (req.method !== 'POST' || req.url !== `/admin/api/${apiVersion}/graphql.json`) return send(res, 404, { errors: 'Not Found' }, req.url ?? '');
    if (req.headers['x-shopify-access-token'] !== token) {
      return send(res, 401, { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' }, 'auth');
    }
    let payload: { query?: string; variables?: Record<string, unknown> };
    try {
      payload = JSON.parse(await readBody(req));
    } catch {
      return send(res, 400, { errors: 'Bad Request' }, 'parse');
    }
    let operation = 'unknown';
    let document;
    try {
      document = parse(payload.query ?? '');
      const op = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
      operation = op?.name?.value ?? 'anonymous';
    } catch (error) {
      return send(res, 200, { errors: [{ message: (error as Error).message }] }, 'syntax');
    }
    if (failures.times > 0) {
      failures.times--;
      return send(res, failures.status, { errors: 'Internal Server Error' }, operation);
    }
    if (throttles.times > 0) {
      throttles.times--;
      return send(res, 200, {
        errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' } }],
        extensions: { cost: { requestedQueryCost: throttles.requested, actualQueryCost: null, throttleStatus: { maximumAvailable: MAX_AVAILABLE, currentlyAvailable: throttles.currentlyAvailable, restoreRate: throttles.restoreRate } } },
      }, operation);
    }
    const op = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
    if (op?.operation === 'mutation') {
      for (const selection of op.selectionSet.selections) {
        if (selection.kind !== 'Field') continue;
        const directive = selection.directives?.find((d) => d.name.value === 'idempotent');
        const arg = directive?.arguments?.find((a) => a.name.value === 'key')?.value;
        const key = arg?.kind === 'Variable' ? String(payload.variables?.[arg.name.value] ?? '') : arg?.kind === 'StringValue' ? arg.value : null;
        mutations.push({ field: selection.name.value, variables: structuredClone(payload.variables ?? {}), idempotencyKey: key || null });
      }
    }
    const result = await graphql({ schema, source: payload.query ?? '', rootValue: root, variableValues: payload.variables ?? {}, contextValue: ctx });
    const dropped = op?.selectionSet.selections.some((s) => s.kind === 'Field' && drops.delete(s.name.value));
    if (dropped) {
      requests.push({ operation, status: 0 });
      res.socket?.destroy();
      return;
    }
    send(res, 200, {
      ...(result.data ? { data: result.data } : {}),
      ...(result.errors ? { errors: result.errors.map((e) => e.toJSON()) } : {}),
      extensions: { cost: { requestedQueryCost: QUERY_COST, actualQueryCost: QUERY_COST, throttleStatus: bucket ? { maximumAvailable: MAX_AVAILABLE, ...bucket } : { maximumAvailable: MAX_AVAILABLE, currentlyAvailable: MAX_AVAILABLE - QUERY_COST, restoreRate: 50 } } },
    }, operation);
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error) => send(res, 500, { errors: String(error) }, 'crash'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    token,
    state,
    requests,
    mutations,
    throttleNext(times = 1, status = { currentlyAvailable: 20, restoreRate: 100, requested: 50 }) {
      throttles = { times, ...status };
    },
    setBucket(next) {
      bucket = next;
    },
    dropResponseAfter(field) {
      drops.add(field);
    },
    failNext(status, times = 1) {
      failures = { times, status };
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
