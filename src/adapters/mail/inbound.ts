import { createHash } from 'node:crypto';
import { ticketSchema, type Ticket } from '../../tickets/scenario.ts';
import { automatedReason, parseInboundPayload, type InboundEmail } from './inbound-parse.ts';
import { emailBody } from './reduce.ts';

/** What a reply needs to land in the customer's thread. */
export interface EmailThread {
  /** the customer's message id: the reply's In-Reply-To */
  messageId: string | null;
  /** the reply's References: the customer's references plus their message id */
  references: string[];
  subject: string;
  /** where the reply goes */
  replyTo: string;
  replyToName: string | null;
}

export interface InboundTicket {
  /** the receiving address that belongs to an organisation (lower case) */
  orgAddress: string;
  ticket: Ticket;
  thread: EmailThread;
}

/** Longest body a ticket gets from an e-mail; the rest is cut (the pipeline refuses far larger ones). */
export const MAX_EMAIL_BODY_CHARS = 100_000;

/**
 * A stable ticket id for an e-mail: the same message posted twice (a webhook retry) is the same
 * ticket, and the service's idempotent POST /v1/tickets does the rest.
 */
export function ticketIdFor(email: InboundEmail): string {
  const basis = email.messageId ?? JSON.stringify([email.from, email.subject, email.date, email.text || email.html]);
  return `em_${createHash('sha256').update(basis).digest('base64url').slice(0, 22)}`;
}

/**
 * Turn a normalised e-mail into a ticket for `orgAddress`. The body is the customer's new text
 * only: HTML reduced, quoted history and signature stripped (before any order id is extracted).
 */
export function emailToTicket(email: InboundEmail, orgAddress: string, receivedAt: string = new Date().toISOString()): InboundTicket {
  const body = emailBody(email).slice(0, MAX_EMAIL_BODY_CHARS);
  const ticket = ticketSchema.parse({
    id: ticketIdFor(email),
    channel: 'email',
    from: email.from,
    subject: email.subject,
    body,
    receivedAt: email.date ?? receivedAt,
  });
  const references = [...email.references];
  if (email.messageId && !references.includes(email.messageId)) references.push(email.messageId);
  return {
    orgAddress,
    ticket,
    thread: { messageId: email.messageId, references, subject: email.subject, replyTo: email.from, replyToName: email.fromName },
  };
}

export type ParsedInbound =
  | { status: 'ticket'; email: InboundEmail; candidates: string[] }
  | { status: 'ignored'; email: InboundEmail; reason: string };

/** Parse a payload and decide whether it is a person's message worth a ticket. */
export function parseInbound(payload: unknown): ParsedInbound {
  const email = parseInboundPayload(payload);
  const automated = automatedReason(email);
  if (automated) return { status: 'ignored', email, reason: `automated mail (${automated})` };
  if (!email.recipients.length) return { status: 'ignored', email, reason: 'no recipient address in the message' };
  return { status: 'ticket', email, candidates: email.recipients };
}

export { parseInboundPayload, automatedReason, normaliseMessageId } from './inbound-parse.ts';
export type { InboundEmail } from './inbound-parse.ts';
export { emailBody, htmlToText, stripQuotedAndSignature } from './reduce.ts';
