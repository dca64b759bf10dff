import { createHmac } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { InputError } from '../../errors.ts';
import { safeEqual } from '../secrets/index.ts';
import { emailToTicket, parseInbound, type InboundTicket } from './inbound.ts';

export interface InboundEmailRouteOptions {
  /** the organisation that receives mail at this address (lower case), or null */
  resolveOrgByAddress: (address: string) => Promise<string | null> | string | null;
  /** hand the ticket to the service (idempotent by ticket id); its return value is echoed as `result` */
  submitTicket: (input: InboundTicket & { orgId: string }) => Promise<unknown> | unknown;
  /**
   * Shared secret. Inbound-parse services cannot all set headers, so it is accepted as
   * `Authorization: Bearer …`, Basic auth (any user, the secret as password: `https://inbound:SECRET@host/…`),
   * an `X-Gatehouse-Secret` header, or a `?secret=` query parameter. Unset: no check.
   */
  secret?: string | null;
  /**
   * Mailgun's HTTP webhook signing key: a post is accepted when its `signature` is
   * HMAC-SHA256(key, timestamp + token) and its `timestamp` is within 15 minutes. With both this
   * and `secret` set, either proof is enough.
   */
  mailgunSigningKey?: string | null;
  /** the clock for receivedAt when the message carries no Date header */
  now?: () => Date;
  /** largest body accepted, in bytes */
  maxBytes?: number;
}

function presentedSecret(c: Context): string | null {
  const auth = c.req.header('authorization') ?? '';
  const bearer = /^Bearer\s+(.+)$/i.exec(auth)?.[1];
  if (bearer) return bearer.trim();
  const basic = /^Basic\s+(.+)$/i.exec(auth)?.[1];
  if (basic) {
    const decoded = Buffer.from(basic.trim(), 'base64').toString('utf8');
    return decoded.slice(decoded.indexOf(':') + 1);
  }
  return c.req.header('x-gatehouse-secret') ?? c.req.query('secret') ?? null;
}

const MAILGUN_MAX_AGE_SECONDS = 15 * 60;

/** Mailgun's signature over `timestamp + token`, checked in constant time and for freshness. */
export function validMailgunSignature(payload: unknown, signingKey: string, nowMs: number): boolean {
  const p = (payload ?? {}) as Record<string, unknown>;
  // routes post the fields flat; event webhooks nest them under `signature`
  const nested = p.signature && typeof p.signature === 'object' ? (p.signature as Record<string, unknown>) : p;
  const timestamp = String(nested.timestamp ?? '');
  const token = String(nested.token ?? '');
  const signature = String(nested.signature ?? '');
  if (!/^\d+$/.test(timestamp) || !token || !/^[0-9a-f]{64}$/i.test(signature)) return false;
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > MAILGUN_MAX_AGE_SECONDS) return false;
  const expected = createHmac('sha256', signingKey).update(timestamp + token).digest('hex');
  return safeEqual(expected, signature.toLowerCase());
}

function problem(c: Context, status: 400 | 401 | 413 | 415, code: string, message: string, field?: string) {
  return c.json({ error: { code, message, ...(field !== undefined ? { field } : {}) } }, status);
}

/**
 * The inbound e-mail webhook, for the service to mount: `app.route('/v1/email/inbound', createInboundEmailRoute({...}))`.
 * 202 `{ status: 'accepted', ticketId }` when a ticket was submitted; 200 `{ status: 'ignored', reason }`
 * for mail we deliberately drop (automated mail, an address no organisation owns), so the
 * sending service does not retry it.
 */
export function createInboundEmailRoute(options: InboundEmailRouteOptions): Hono {
  const app = new Hono();
  const maxBytes = options.maxBytes ?? 10 * 1024 * 1024;
  const now = options.now ?? (() => new Date());

  app.post('/', async function inboundEmail(c) {
    const given = options.secret ? presentedSecret(c) : null;
    const secretOk = Boolean(options.secret && given && safeEqual(given, options.secret));
    // Without a signature to check in the body, refuse before reading it.
    if (options.secret && !secretOk && !options.mailgunSigningKey) return problem(c, 401, 'unauthorized', 'missing or wrong inbound e-mail secret');
    const length = Number(c.req.header('content-length') ?? 0);
    if (length > maxBytes) return problem(c, 413, 'too_large', `the e-mail is larger than ${maxBytes} bytes`);

    const type = (c.req.header('content-type') ?? '').toLowerCase();
    let payload: unknown;
    try {
      if (type.includes('application/json')) payload = await c.req.json();
      else if (type.includes('multipart/form-data') || type.includes('application/x-www-form-urlencoded')) payload = await c.req.parseBody();
      else return problem(c, 415, 'unsupported_media_type', 'send JSON, multipart/form-data or a URL-encoded form');
    } catch {
      return problem(c, 400, 'invalid_input', 'the body could not be parsed', '');
    }

    if ((options.secret || options.mailgunSigningKey) && !secretOk) {
      const signed = options.mailgunSigningKey ? validMailgunSignature(payload, options.mailgunSigningKey, now().getTime()) : false;
      if (!signed) return problem(c, 401, 'unauthorized', 'missing or wrong inbound e-mail secret or signature');
    }

    let parsed;
    try {
      parsed = parseInbound(payload);
    } catch (error) {
      if (error instanceof InputError) return problem(c, 400, error.code, error.message, error.issues[0]?.field ?? '');
      throw error;
    }
    if (parsed.status === 'ignored') return c.json({ status: 'ignored', reason: parsed.reason }, 200);

    for (const address of parsed.candidates) {
      const orgId = await options.resolveOrgByAddress(address);
      if (!orgId) continue;
      const inbound = emailToTicket(parsed.email, address, now().toISOString());
      const result = await options.submitTicket({ ...inbound, orgId });
      return c.json({ status: 'accepted', ticketId: String(inbound.ticket.id), orgAddress: address, result: result ?? null }, 202);
    }
    return c.json({ status: 'ignored', reason: 'no organisation receives mail at the recipient addresses' }, 200);
  });

  return app;
}

/** The webhook's proofs from the environment: GATEHOUSE_INBOUND_SECRET, GATEHOUSE_MAILGUN_SIGNING_KEY. */
export function inboundAuthFromEnv(env: NodeJS.ProcessEnv = process.env): Pick<InboundEmailRouteOptions, 'secret' | 'mailgunSigningKey'> {
  return { secret: env.GATEHOUSE_INBOUND_SECRET?.trim() || null, mailgunSigningKey: env.GATEHOUSE_MAILGUN_SIGNING_KEY?.trim() || null };
}
