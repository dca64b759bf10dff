import addressparser from 'nodemailer/lib/addressparser';
import { InputError } from '../../errors.ts';

/**
 * Inbound-parse payloads, as the common services post them, reduced to one shape.
 *
 * Field spellings accepted (first present wins):
 *   from        from | From | FromFull.Email | sender
 *   to          to | To | ToFull[].Email | recipient | envelope.to | OriginalRecipient | cc | Cc
 *   subject     subject | Subject
 *   text        text | TextBody | body-plain | plain | body_plain
 *   html        html | HtmlBody | body-html | body_html
 *   message id  Message-Id header | messageId | message_id | Message-Id | MessageID (Postmark's own id, last)
 *   in-reply-to In-Reply-To header | inReplyTo | in_reply_to | In-Reply-To
 *   references  References header | references | References
 *   headers     headers (raw string, SendGrid) | headers (object) | Headers [{Name, Value}] (Postmark)
 *               | message-headers [[name, value]] (Mailgun, JSON string or array)
 */

export interface InboundEmail {
  from: string;
  fromName: string | null;
  /** every address this message reached us at: envelope recipients first, then To, then Cc */
  recipients: string[];
  subject: string;
  text: string;
  html: string;
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  date: string | null;
  /** lower-cased header names → first value */
  headers: Map<string, string>;
}

type Payload = Record<string, unknown>;

function str(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return null;
}

function first(payload: Payload, ...keys: string[]): string | null {
  for (const key of keys) {
    const value = str(payload[key]);
    if (value !== null && value.trim() !== '') return value;
  }
  return null;
}

/** Parse a JSON-encoded field (form posts carry objects as strings); anything unparsable is ignored. */
function maybeJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

/** Unfold and split a raw header block (RFC 5322 §2.2.3). */
function parseRawHeaders(raw: string, into: Map<string, string>): void {
  const unfolded = raw.replace(/\r?\n[ \t]+/g, ' ');
  for (const line of unfolded.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!into.has(name)) into.set(name, line.slice(colon + 1).trim());
  }
}

function collectHeaders(payload: Payload): Map<string, string> {
  const headers = new Map<string, string>();
  const add = (name: unknown, value: unknown) => {
    if (typeof name === 'string' && typeof value === 'string' && !headers.has(name.toLowerCase())) headers.set(name.toLowerCase(), value.trim());
  };
  const raw = payload.headers;
  if (typeof raw === 'string') {
    const json = maybeJson(raw);
    if (json && typeof json === 'object') for (const [k, v] of Object.entries(json)) add(k, str(v));
    else parseRawHeaders(raw, headers);
  } else if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    for (const [k, v] of Object.entries(raw)) add(k, str(v));
  }
  const postmark = payload.Headers;
  if (Array.isArray(postmark)) for (const h of postmark) add((h as Payload)?.Name, (h as Payload)?.Value);
  const mailgun = maybeJson(payload['message-headers']);
  if (Array.isArray(mailgun)) for (const pair of mailgun) if (Array.isArray(pair)) add(pair[0], pair[1]);
  return headers;
}

function addresses(value: unknown): { address: string; name: string }[] {
  if (Array.isArray(value)) {
    return value.flatMap((v) => (typeof v === 'string' ? addresses(v) : typeof (v as Payload)?.Email === 'string' ? [{ address: (v as Payload).Email as string, name: String((v as Payload).Name ?? '') }] : []));
  }
  if (typeof value !== 'string' || !value.trim()) return [];
  return addressparser(value, { flatten: true }).filter((a) => a.address);
}

const norm = (address: string) => address.trim().toLowerCase();

/** `<a@b>` → `<a@b>`; `a@b` → `<a@b>`: message ids always in angle brackets, as headers need them. */
export function normaliseMessageId(value: string | null): string | null {
  const id = value?.trim().match(/<[^<>\s]+>|[^<>\s]+@[^<>\s]+/)?.[0];
  if (!id) return null;
  return id.startsWith('<') ? id : `<${id}>`;
}

function messageIds(value: string | null): string[] {
  return (value?.match(/<[^<>\s]+>/g) ?? []).slice(-50);
}

/** Normalise one inbound-parse payload. Throws an InputError naming the field when `from` is unusable. */
export function parseInboundPayload(payload: unknown): InboundEmail {
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) {
    throw new InputError([{ field: '', message: 'the inbound e-mail must be a JSON object or a form post' }]);
  }
  const p = payload as Payload;
  const headers = collectHeaders(p);

  const fromFull = p.FromFull as Payload | undefined;
  const fromCandidates = [
    ...addresses(first(p, 'from', 'From')),
    ...(typeof fromFull?.Email === 'string' ? [{ address: fromFull.Email, name: String(fromFull.Name ?? '') }] : []),
    ...addresses(first(p, 'sender')),
    ...addresses(headers.get('from') ?? null),
  ];
  const from = fromCandidates[0];
  if (!from || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(from.address)) {
    throw new InputError([{ field: 'from', message: 'a sender address is required (from, From, FromFull or sender)' }]);
  }

  const envelope = maybeJson(p.envelope) as Payload | undefined;
  const recipients = [
    ...addresses(first(p, 'recipient')),
    ...addresses(Array.isArray(envelope?.to) ? (envelope!.to as string[]).join(',') : str(envelope?.to)),
    ...addresses(first(p, 'OriginalRecipient')),
    ...addresses(first(p, 'to', 'To')),
    ...addresses(p.ToFull),
    ...addresses(headers.get('to') ?? null),
    ...addresses(first(p, 'cc', 'Cc')),
    ...addresses(p.CcFull),
    ...addresses(headers.get('cc') ?? null),
  ].map((a) => norm(a.address));

  const messageId = normaliseMessageId(headers.get('message-id') ?? first(p, 'messageId', 'message_id', 'Message-Id', 'Message-ID', 'MessageID'));
  const inReplyTo = normaliseMessageId(headers.get('in-reply-to') ?? first(p, 'inReplyTo', 'in_reply_to', 'In-Reply-To'));
  const refsRaw = headers.get('references') ?? first(p, 'references', 'References');
  const dateRaw = headers.get('date') ?? first(p, 'date', 'Date');
  const date = dateRaw && !Number.isNaN(Date.parse(dateRaw)) ? new Date(Date.parse(dateRaw)).toISOString() : null;

  return {
    from: norm(from.address),
    fromName: from.name?.trim() || null,
    recipients: [...new Set(recipients)],
    subject: (first(p, 'subject', 'Subject') ?? headers.get('subject') ?? '').trim(),
    text: first(p, 'text', 'TextBody', 'body-plain', 'plain', 'body_plain') ?? '',
    html: first(p, 'html', 'HtmlBody', 'body-html', 'body_html') ?? '',
    messageId,
    inReplyTo,
    references: messageIds(refsRaw),
    date,
    headers,
  };
}

/**
 * Mail no person wrote (auto-replies, bounces, lists): answering it risks a mail loop (RFC 3834).
 * Returns the reason, or null for a person's message.
 */
export function automatedReason(email: InboundEmail): string | null {
  const auto = email.headers.get('auto-submitted');
  if (auto && auto.toLowerCase() !== 'no') return `Auto-Submitted: ${auto}`;
  const precedence = email.headers.get('precedence')?.toLowerCase();
  if (precedence && ['bulk', 'junk', 'list', 'auto_reply'].includes(precedence)) return `Precedence: ${precedence}`;
  if (email.headers.has('x-autoreply') || email.headers.has('x-autorespond')) return 'auto-responder header';
  if (/^(mailer-daemon|postmaster)@/i.test(email.from)) return `sender ${email.from}`;
  return null;
}
