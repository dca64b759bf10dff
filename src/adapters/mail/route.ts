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
    if (options.secret) {
      const given = presentedSecret(c);
      if (!given || !safeEqual(given, options.secret)) return problem(c, 401, 'unauthorized', 'missing or wrong inbound e-mail secret');
    }
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
