import nodemailer from 'nodemailer';
import { createRedactor } from '../secrets/redact.ts';
import { normaliseMessageId } from './inbound-parse.ts';

/**
 * Outbound replies over SMTP (nodemailer). Only text that passed the guardrails is handed here;
 * the mailer's job is to land it in the customer's thread and to keep credentials out of errors.
 */

export interface SmtpMailerOptions {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it */
  secure: boolean;
  auth?: { user: string; pass: string } | null;
  /** `Acme Support <support@acme.test>` */
  from: string;
  /** refuse to send without STARTTLS on a non-secure port */
  requireTLS?: boolean;
  /** sign replies (deliverability: receivers check the From domain's DKIM record) */
  dkim?: { domainName: string; keySelector: string; privateKey: string } | null;
  /** accept self-signed certificates (local relays, tests) */
  allowInvalidCertificates?: boolean;
  timeoutMs?: number;
  /** log lines, already redacted */
  log?: (line: string) => void;
}

export interface ReplyInput {
  to: string;
  toName?: string | null;
  /** the customer's subject; `Re: ` is added once */
  subject: string;
  text: string;
  /** the customer's Message-Id */
  inReplyTo?: string | null;
  /** the customer's References (their Message-Id is appended when missing) */
  references?: string[];
  /** override the mailer's From for one organisation */
  from?: string;
}

export interface SentReply {
  messageId: string;
  accepted: string[];
  rejected: string[];
}

export class MailError extends Error {
  override readonly name = 'MailError';
  constructor(readonly code: 'invalid_input' | 'send_failed', message: string, readonly retryable = false) {
    super(message);
  }
}

export interface SmtpMailer {
  sendReply(reply: ReplyInput): Promise<SentReply>;
  verify(): Promise<void>;
  close(): void;
}

function addressList(list: unknown): string[] {
  return Array.isArray(list) ? list.map((a) => (typeof a === 'string' ? a : String((a as { address?: string })?.address ?? ''))) : [];
}

export function replySubject(subject: string): string {
  const clean = subject.replace(/[\r\n]+/g, ' ').trim();
  return /^(re|aw|sv|antw)\s*:/i.test(clean) ? clean : `Re: ${clean || '(no subject)'}`;
}

const SINGLE_ADDRESS = /^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;"]+$/;

/**
 * @example
 *   const mailer = createSmtpMailer({ host: 'smtp.acme.test', port: 587, secure: false, auth, from: 'Acme <help@acme.test>' });
 *   await mailer.sendReply({ to: 'jane@example.com', subject: 'Broken mug', text, inReplyTo: '<abc@mail.example.com>' });
 */
export function createSmtpMailer(options: SmtpMailerOptions): SmtpMailer {
  const redact = createRedactor([
    options.auth?.pass,
    options.auth ? Buffer.from(`\u0000${options.auth.user}\u0000${options.auth.pass}`).toString('base64') : null,
    options.dkim?.privateKey,
  ]);
  const transport = nodemailer.createTransport({
    host: options.host,
    port: options.port,
    secure: options.secure,
    requireTLS: options.requireTLS ?? false,
    auth: options.auth ? { user: options.auth.user, pass: options.auth.pass } : undefined,
    tls: options.allowInvalidCertificates ? { rejectUnauthorized: false } : undefined,
    ...(options.dkim ? { dkim: options.dkim } : {}),
    connectionTimeout: options.timeoutMs ?? 15_000,
    greetingTimeout: options.timeoutMs ?? 15_000,
    socketTimeout: options.timeoutMs ?? 30_000,
  });
  const log = (line: string) => options.log?.(redact(line));

  async function sendReply(reply: ReplyInput): Promise<SentReply> {
    const to = reply.to.trim();
    if (!SINGLE_ADDRESS.test(to)) throw new MailError('invalid_input', 'reply recipient must be one plain e-mail address');
    if (!reply.text.trim()) throw new MailError('invalid_input', 'reply text is empty');
    const inReplyTo = normaliseMessageId(reply.inReplyTo ?? null);
    const references = (reply.references ?? []).map((r) => normaliseMessageId(r)).filter((r): r is string => Boolean(r));
    if (inReplyTo && !references.includes(inReplyTo)) references.push(inReplyTo);
    try {
      const info = await transport.sendMail({
        from: reply.from ?? options.from,
        to: reply.toName ? { name: reply.toName.replace(/[\r\n"]+/g, ' '), address: to } : to,
        subject: replySubject(reply.subject),
        text: reply.text,
        ...(inReplyTo ? { inReplyTo } : {}),
        ...(references.length ? { references } : {}),
        // RFC 3834: tells other auto-responders not to answer this one (no mail loops)
        headers: { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' },
      });
      log(`mail: sent ${info.messageId} (accepted ${info.accepted.length}, rejected ${info.rejected.length})`);
      return {
        messageId: info.messageId,
        accepted: addressList(info.accepted),
        rejected: addressList(info.rejected),
      };
    } catch (error) {
      const e = error as Error & { responseCode?: number; code?: string };
      // 4xx replies and connection trouble may pass later; 5xx will not
      const retryable = !e.responseCode || (e.responseCode >= 400 && e.responseCode < 500);
      log(`mail: send failed: ${e.message}`);
      throw new MailError('send_failed', redact(`SMTP send failed: ${e.message}`), retryable);
    }
  }

  async function verify(): Promise<void> {
    try {
      await transport.verify();
    } catch (error) {
      throw new MailError('send_failed', redact(`SMTP check failed: ${(error as Error).message}`), true);
    }
  }

  return { sendReply, verify, close: () => transport.close() };
}

/**
 * The mailer from the environment, or null when GATEHOUSE_SMTP_HOST / GATEHOUSE_SMTP_URL is unset.
 *   GATEHOUSE_SMTP_URL=smtp(s)://user:pass@host:port   or   GATEHOUSE_SMTP_HOST, _PORT, _SECURE, _USER, _PASS
 *   GATEHOUSE_MAIL_FROM="Acme Support <support@acme.test>" (required)
 */
export function mailerFromEnv(env: NodeJS.ProcessEnv = process.env, extra: Pick<SmtpMailerOptions, 'log'> = {}): SmtpMailer | null {
  const from = env.GATEHOUSE_MAIL_FROM?.trim();
  let host = env.GATEHOUSE_SMTP_HOST?.trim();
  let port = env.GATEHOUSE_SMTP_PORT ? Number(env.GATEHOUSE_SMTP_PORT) : undefined;
  let secure = env.GATEHOUSE_SMTP_SECURE ? /^(1|true|yes)$/i.test(env.GATEHOUSE_SMTP_SECURE) : undefined;
  let user = env.GATEHOUSE_SMTP_USER;
  let pass = env.GATEHOUSE_SMTP_PASS;
  if (env.GATEHOUSE_SMTP_URL) {
    let url: URL;
    try {
      url = new URL(env.GATEHOUSE_SMTP_URL);
    } catch {
      throw new MailError('invalid_input', 'GATEHOUSE_SMTP_URL must look like smtp://user:pass@host:587');
    }
    if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new MailError('invalid_input', 'GATEHOUSE_SMTP_URL must start with smtp:// or smtps://');
    host = url.hostname;
    secure = url.protocol === 'smtps:';
    port = url.port ? Number(url.port) : secure ? 465 : 587;
    user = url.username ? decodeURIComponent(url.username) : user;
    pass = url.password ? decodeURIComponent(url.password) : pass;
  }
  if (!host) return null;
  if (!from) throw new MailError('invalid_input', 'GATEHOUSE_MAIL_FROM must be set when SMTP is configured');
  secure ??= port === 465;
  port ??= secure ? 465 : 587;
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new MailError('invalid_input', 'GATEHOUSE_SMTP_PORT must be a port number');
  // Credentials never cross the wire in clear: with a user and no implicit TLS, STARTTLS is required
  // unless GATEHOUSE_SMTP_REQUIRE_TLS=false says otherwise (a relay on localhost).
  const requireTLS = env.GATEHOUSE_SMTP_REQUIRE_TLS ? /^(1|true|yes)$/i.test(env.GATEHOUSE_SMTP_REQUIRE_TLS) : Boolean(user) && !secure;
  const dkim = env.GATEHOUSE_DKIM_DOMAIN && env.GATEHOUSE_DKIM_SELECTOR && env.GATEHOUSE_DKIM_PRIVATE_KEY
    ? { domainName: env.GATEHOUSE_DKIM_DOMAIN, keySelector: env.GATEHOUSE_DKIM_SELECTOR, privateKey: env.GATEHOUSE_DKIM_PRIVATE_KEY.replace(/\\n/g, '\n') }
    : null;
  return createSmtpMailer({ host, port, secure, from, auth: user ? { user, pass: pass ?? '' } : null, requireTLS, dkim, ...extra });
}
