import { createRedactor } from '../../secrets/redact.ts';

/**
 * Shopify Admin GraphQL transport: one POST per operation, cost-based throttling honoured,
 * every error message redacted of the access token before it leaves this module.
 */

export type ShopifyErrorCode =
  | 'refused' // the store (or our pre-check against it) says no: do not retry with the same input
  | 'not_found'
  | 'throttled' // still throttled after the retries we allow ourselves
  | 'idempotency_conflict' // same idempotency key, different parameters
  | 'unauthorized'
  | 'http_error'
  | 'graphql_error'
  | 'network'
  | 'invalid_config';

export class ShopifyError extends Error {
  override readonly name = 'ShopifyError';
  constructor(
    readonly code: ShopifyErrorCode,
    message: string,
    /** true when the same call may succeed later (network, 5xx, throttling) */
    readonly retryable = false,
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

interface GraphQLError {
  message?: string;
  extensions?: { code?: string; [k: string]: unknown };
}

interface GraphQLResponse<T> {
  data?: T;
  errors?: GraphQLError[];
  extensions?: { cost?: { requestedQueryCost?: number; actualQueryCost?: number | null; throttleStatus?: ThrottleStatus } };
}

export interface ShopifyClientOptions {
  /** `my-shop` or `my-shop.myshopify.com` */
  shop: string;
  /**
   * The Admin API access token, or a function that yields it at the moment of use (e.g. decrypting
   * the stored value), so the adapter need not hold the plaintext between requests.
   */
  accessToken: string | (() => string | Promise<string>);
  apiVersion?: string;
  /** override the origin (tests, a proxy); defaults to https://{shop} */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** per-request timeout */
  timeoutMs?: number;
  /** attempts per operation for throttling and transient failures */
  maxAttempts?: number;
  /** longest single wait we accept before giving up (seconds) */
  maxWaitSeconds?: number;
  /** log lines (already redacted); default: nothing is logged */
  log?: (line: string) => void;
  /** injectable for tests */
  sleep?: (ms: number) => Promise<void>;
}

export interface RequestOptions {
  /** safe to resend after a network error or a 5xx (queries; mutations carrying an idempotency key) */
  retryable?: boolean;
}

/** Default Admin API version: the first with `@idempotent` on refundCreate (mandatory from 2026-04). */
export const DEFAULT_API_VERSION = '2026-01';

const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

export function normaliseShop(shop: string): string {
  const host = shop.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/\/.*$/, '');
  const full = host.includes('.') ? host : `${host}.myshopify.com`;
  if (!SHOP_DOMAIN.test(full)) throw new ShopifyError('invalid_config', `shop must be a *.myshopify.com domain, got "${shop}"`);
  return full;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface ShopifyClient {
  request<T>(query: string, variables?: Record<string, unknown>, options?: RequestOptions): Promise<T>;
  /** the throttle status the store reported last (for tests and metrics) */
  lastThrottleStatus(): ThrottleStatus | null;
}

export function createShopifyClient(options: ShopifyClientOptions): ShopifyClient {
  if (!options.accessToken) throw new ShopifyError('invalid_config', 'accessToken is required');
  const apiVersion = options.apiVersion ?? DEFAULT_API_VERSION;
  if (!/^(\d{4}-\d{2}|unstable)$/.test(apiVersion)) throw new ShopifyError('invalid_config', `apiVersion must look like 2026-01, got "${apiVersion}"`);
  const origin = options.baseUrl ? options.baseUrl.replace(/\/+$/, '') : `https://${normaliseShop(options.shop)}`;
  const endpoint = `${origin}/admin/api/${apiVersion}/graphql.json`;
  const doFetch = options.fetch ?? globalThis.fetch;
  const sleep = options.sleep ?? defaultSleep;
  const maxAttempts = options.maxAttempts ?? 5;
  const maxWaitSeconds = options.maxWaitSeconds ?? 30;
  const timeoutMs = options.timeoutMs ?? 15_000;
  let throttle: ThrottleStatus | null = null;
  let throttleAt = 0;
  /** what each operation asked for last time: the cost we expect it to ask for again */
  const lastCost = new Map<string, number>();

  /**
   * Wait before sending when the bucket, as last reported and refilled since at restoreRate,
   * cannot hold this operation's cost: cheaper than being THROTTLED and resending.
   */
  async function paceFor(name: string, log: (line: string) => void): Promise<void> {
    const need = lastCost.get(name);
    if (!throttle || need === undefined || !(throttle.restoreRate > 0)) return;
    const elapsed = (Date.now() - throttleAt) / 1000;
    const estimate = Math.min(throttle.maximumAvailable, throttle.currentlyAvailable + throttle.restoreRate * elapsed);
    if (estimate >= need) return;
    const waitSeconds = Math.min((need - estimate) / throttle.restoreRate, maxWaitSeconds);
    log(`shopify ${name}: pacing ${waitSeconds.toFixed(2)}s (bucket ${estimate.toFixed(0)}, cost ${need})`);
    await sleep(Math.ceil(waitSeconds * 1000));
  }
  // A fixed token is masked everywhere; a token resolved per request is masked by that request
  // (below), so no redactor keeps it between requests. Token shapes (shpat_…) are always masked.
  const baseRedact = createRedactor([typeof options.accessToken === 'string' ? options.accessToken : null]);
  const redact = baseRedact;

  function fail(code: ShopifyErrorCode, message: string, retryable = false, status?: number): never {
    throw new ShopifyError(code, redact(message), retryable, status);
  }

  async function resolveToken(): Promise<string> {
    if (typeof options.accessToken === 'string') return options.accessToken;
    let token: string;
    try {
      token = await options.accessToken();
    } catch (error) {
      // the message of a SecretError names no secret; anything else is not repeated
      const reason = (error as Error)?.name === 'SecretError' ? (error as Error).message : 'the token source failed';
      return fail('invalid_config', `Shopify access token unavailable: ${reason}`);
    }
    if (!token) fail('invalid_config', 'Shopify access token is empty');
    return token;
  }

  async function send(body: string, accessToken: string): Promise<{ status: number; json: GraphQLResponse<unknown> | null; retryAfter: number | null }> {
    const signal = AbortSignal.timeout(timeoutMs);
    let response: Response;
    try {
      response = await doFetch(endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          'x-shopify-access-token': accessToken,
        },
        body,
        signal,
      });
    } catch (error) {
      const reason = (error as Error)?.name === 'TimeoutError' ? `timed out after ${timeoutMs} ms` : (error as Error)?.message ?? 'unknown';
      return fail('network', `Shopify request failed: ${reason}`, true);
    }
    const text = await response.text();
    let json: GraphQLResponse<unknown> | null = null;
    try {
      json = text ? (JSON.parse(text) as GraphQLResponse<unknown>) : null;
    } catch {
      json = null;
    }
    const retryAfterHeader = Number(response.headers.get('retry-after'));
    return { status: response.status, json, retryAfter: Number.isFinite(retryAfterHeader) && retryAfterHeader > 0 ? retryAfterHeader : null };
  }

  function operationName(query: string): string {
    return /\b(query|mutation)\s+(\w+)/.exec(query)?.slice(1, 3).join(' ') ?? 'operation';
  }

  async function request<T>(query: string, variables: Record<string, unknown> = {}, opts: RequestOptions = {}): Promise<T> {
    const accessToken = await resolveToken();
    const redactNow = typeof options.accessToken === 'string' ? baseRedact : createRedactor([accessToken]);
    const log = (line: string) => options.log?.(redactNow(line));
    try {
      return await attempts<T>(query, variables, opts, accessToken, log);
    } catch (error) {
      if (error instanceof ShopifyError) throw new ShopifyError(error.code, redactNow(error.message), error.retryable, error.status);
      throw new ShopifyError('network', redactNow(`Shopify request failed: ${(error as Error)?.message ?? 'unknown error'}`), true);
    }
  }

  async function attempts<T>(query: string, variables: Record<string, unknown>, opts: RequestOptions, accessToken: string, log: (line: string) => void): Promise<T> {
    const body = JSON.stringify({ query, variables });
    const name = operationName(query);
    for (let attempt = 1; ; attempt++) {
      const last = attempt >= maxAttempts;
      // later attempts have just waited what the store asked for
      if (attempt === 1) await paceFor(name, log);
      let result: Awaited<ReturnType<typeof send>>;
      try {
        result = await send(body, accessToken);
      } catch (error) {
        if (error instanceof ShopifyError && error.retryable && opts.retryable && !last) {
          log(`shopify ${name}: ${error.message}; retrying (attempt ${attempt + 1})`);
          await sleep(backoffMs(attempt));
          continue;
        }
        throw error;
      }
      const { status, json, retryAfter } = result;
      const cost = json?.extensions?.cost;
      if (cost?.throttleStatus) {
        throttle = cost.throttleStatus;
        throttleAt = Date.now();
      }
      if (typeof cost?.requestedQueryCost === 'number') lastCost.set(name, cost.requestedQueryCost);

      if (status === 401 || status === 403) fail('unauthorized', `Shopify refused the credentials (HTTP ${status})`, false, status);
      if (status === 404) fail('http_error', `Shopify endpoint not found (HTTP 404): check the shop domain and apiVersion ${apiVersion}`, false, 404);
      if (status === 429) {
        // REST-style rate limit (or a proxy): the request did not run, so any request may be resent
        if (last) fail('throttled', `Shopify rate limit still exceeded after ${attempt} attempts`, true, 429);
        const waitSeconds = Math.min(retryAfter ?? 1, maxWaitSeconds);
        log(`shopify ${name}: HTTP 429, waiting ${waitSeconds}s`);
        await sleep(waitSeconds * 1000);
        continue;
      }
      if (status >= 500) {
        if (opts.retryable && !last) {
          log(`shopify ${name}: HTTP ${status}; retrying (attempt ${attempt + 1})`);
          await sleep(backoffMs(attempt));
          continue;
        }
        fail('http_error', `Shopify answered HTTP ${status}`, true, status);
      }
      if (status < 200 || status >= 300) fail('http_error', `Shopify answered HTTP ${status}`, false, status);
      if (!json) fail('graphql_error', 'Shopify answered with a body that is not JSON');

      const errors = json.errors ?? [];
      if (errors.some((e) => e.extensions?.code === 'THROTTLED')) {
        // Not executed: wait until the bucket holds what this query asked for, then resend.
        const waitSeconds = throttleWaitSeconds(cost?.requestedQueryCost, cost?.throttleStatus);
        if (last || waitSeconds > maxWaitSeconds) {
          fail('throttled', `Shopify throttled the request (${attempt} attempts; next wait ${waitSeconds.toFixed(1)}s)`, true);
        }
        log(`shopify ${name}: THROTTLED, waiting ${waitSeconds.toFixed(2)}s`);
        await sleep(Math.ceil(waitSeconds * 1000));
        continue;
      }
      if (errors.some((e) => e.extensions?.code === 'IDEMPOTENCY_CONCURRENT_REQUEST') && !last) {
        // The first request with this key is still running: the doc says try again.
        log(`shopify ${name}: idempotent request still in progress; retrying`);
        await sleep(backoffMs(attempt));
        continue;
      }
      if (errors.length) {
        const codes = errors.map((e) => e.extensions?.code).filter(Boolean);
        const message = errors.map((e) => e.message ?? 'error').join('; ');
        if (codes.includes('IDEMPOTENCY_KEY_PARAMETER_MISMATCH')) fail('idempotency_conflict', `Shopify: ${message}`);
        if (codes.includes('ACCESS_DENIED')) fail('unauthorized', `Shopify: ${message}`);
        fail('graphql_error', `Shopify: ${message}`, codes.includes('INTERNAL_SERVER_ERROR'));
      }
      log(`shopify ${name}: ok (cost ${cost?.actualQueryCost ?? cost?.requestedQueryCost ?? '?'}, available ${cost?.throttleStatus?.currentlyAvailable ?? '?'})`);
      return json.data as T;
    }
  }

  return { request, lastThrottleStatus: () => throttle };
}

/** (requested − available) / restoreRate seconds, at least a little, never negative. */
export function throttleWaitSeconds(requested: number | undefined, status: ThrottleStatus | undefined): number {
  if (!status || !(status.restoreRate > 0)) return 1;
  const need = (requested ?? status.maximumAvailable / 10) - status.currentlyAvailable;
  return Math.max(need / status.restoreRate, 0.05);
}

function backoffMs(attempt: number): number {
  return Math.min(250 * 2 ** (attempt - 1), 5_000);
}
