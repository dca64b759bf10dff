import { generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { MailError, createSmtpMailer, mailerFromEnv, replySubject, type SmtpMailerOptions } from '../../src/adapters/mail/smtp.ts';
import { createInboundEmailRoute } from '../../src/adapters/mail/route.ts';
import type { InboundTicket } from '../../src/adapters/mail/inbound.ts';
import { startSmtpPeer, type SmtpPeer } from '../peers/smtp.ts';

const PASS = 'smtp-pass-0123456789-secret';
let peer: SmtpPeer | null = null;
const mailers: { close(): void }[] = [];
let logs: string[] = [];

function mailer(port: number, extra: Partial<SmtpMailerOptions> = {}) {
  const m = createSmtpMailer({ host: '127.0.0.1', port, secure: false, from: 'Acme Support <support@acme.test>', timeoutMs: 5_000, log: (l) => logs.push(l), ...extra });
  mailers.push(m);
  return m;
}

afterEach(async () => {
  for (const m of mailers.splice(0)) m.close();
  await peer?.close();
  peer = null;
  logs = [];
});

describe('SMTP replies', () => {
  it('sends a reply that lands in the thread: In-Reply-To, References, Re: subject, text body', async () => {
    peer = await startSmtpPeer();
    const sent = await mailer(peer.port).sendReply({
      to: 'jane@example.com', toName: 'Jane Doe', subject: 'Broken mug',
      text: 'Hi Jane,\n\nWe have refunded 34.00 USD for order #1042. Désolé!\n\nAcme Support',
      inReplyTo: '<CAF123@mail.example.com>', references: ['<first@acme.test>'],
    });
    expect(sent.accepted).toEqual(['jane@example.com']);
    const [mail] = peer.mails;
    expect(mail.envelope).toEqual({ from: 'support@acme.test', to: ['jane@example.com'] });
    expect(mail.headers.get('subject')).toBe('Re: Broken mug');
    expect(mail.headers.get('in-reply-to')).toBe('<CAF123@mail.example.com>');
    expect(mail.headers.get('references')).toBe('<first@acme.test> <CAF123@mail.example.com>');
    expect(mail.headers.get('message-id')).toBe(sent.messageId);
    expect(mail.headers.get('from')).toBe('Acme Support <support@acme.test>');
    expect(mail.headers.get('to')).toBe('Jane Doe <jane@example.com>');
    expect(mail.headers.get('auto-submitted')).toBe('auto-replied');
    expect(mail.text).toBe('Hi Jane,\n\nWe have refunded 34.00 USD for order #1042. Désolé!\n\nAcme Support');
  });

  it('does not stack "Re:" and sends without thread headers when there is no message id', async () => {
    expect(replySubject('RE: Broken mug')).toBe('RE: Broken mug');
    expect(replySubject('')).toBe('Re: (no subject)');
    peer = await startSmtpPeer();
    await mailer(peer.port).sendReply({ to: 'jane@example.com', subject: 'Re: Broken mug', text: 'Hello' });
    expect(peer.mails[0].headers.get('subject')).toBe('Re: Broken mug');
    expect(peer.mails[0].headers.has('in-reply-to')).toBe(false);
  });

  it('refuses header injection and lists in the recipient, and an empty text', async () => {
    peer = await startSmtpPeer();
    const m = mailer(peer.port);
    for (const to of ['a@example.com, b@example.com', 'a@example.com\r\nBcc: c@example.com', 'not-an-address']) {
      await expect(m.sendReply({ to, subject: 's', text: 't' })).rejects.toMatchObject({ code: 'invalid_input' });
    }
    await expect(m.sendReply({ to: 'a@example.com', subject: 's', text: '  ' })).rejects.toBeInstanceOf(MailError);
    expect(peer.mails).toHaveLength(0);
  });

  it('authenticates, and never sends credentials in clear when TLS is required', async () => {
    peer = await startSmtpPeer({ users: { acme: PASS } });
    await mailer(peer.port, { auth: { user: 'acme', pass: PASS } }).sendReply({ to: 'jane@example.com', subject: 's', text: 't' });
    expect(peer.mails[0].user).toBe('acme');
    const refused = mailer(peer.port, { auth: { user: 'acme', pass: PASS }, requireTLS: true });
    const error = await refused.sendReply({ to: 'jane@example.com', subject: 's', text: 't' }).catch((e: MailError) => e);
    expect(error).toBeInstanceOf(MailError);
    expect(peer.mails).toHaveLength(1);
  });

  it('keeps the password out of errors and logs, wrong password or server gone', async () => {
    peer = await startSmtpPeer({ users: { acme: 'the-right-one-xyz' } });
    const seen: string[] = [];
    const wrong = mailer(peer.port, { auth: { user: 'acme', pass: PASS } });
    await wrong.sendReply({ to: 'jane@example.com', subject: 's', text: 't' }).catch((e: Error) => seen.push(String(e), e.stack ?? '', JSON.stringify(e)));
    const gone = mailer(9, { auth: { user: 'acme', pass: PASS }, timeoutMs: 1_000 });
    await gone.sendReply({ to: 'jane@example.com', subject: 's', text: 't' }).catch((e: Error) => seen.push(String(e), e.stack ?? ''));
    await gone.verify().catch((e: Error) => seen.push(String(e)));
    expect(seen.length).toBeGreaterThanOrEqual(5);
    const b64 = Buffer.from(`\u0000acme\u0000${PASS}`).toString('base64');
    for (const line of [...seen, ...logs]) {
      expect(line).not.toContain(PASS);
      expect(line).not.toContain(b64);
    }
  });

  it('signs replies with DKIM when a key is configured', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    peer = await startSmtpPeer();
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    await mailer(peer.port, { dkim: { domainName: 'acme.test', keySelector: 'gh1', privateKey: pem } })
      .sendReply({ to: 'jane@example.com', subject: 'Broken mug', text: 'Hello', inReplyTo: '<m1@example.com>' });
    const signature = peer.mails[0].headers.get('dkim-signature') ?? '';
    expect(signature).toMatch(/d=acme\.test/);
    expect(signature).toMatch(/s=gh1/);
    expect(signature).toMatch(/h=[^;]*in-reply-to/i);
  });

  it('is configured from GATEHOUSE_SMTP_* / GATEHOUSE_MAIL_FROM', async () => {
    expect(mailerFromEnv({})).toBeNull();
    expect(() => mailerFromEnv({ GATEHOUSE_SMTP_HOST: 'localhost' })).toThrow(/GATEHOUSE_MAIL_FROM/);
    expect(() => mailerFromEnv({ GATEHOUSE_SMTP_URL: 'http://x', GATEHOUSE_MAIL_FROM: 'a@b.test' })).toThrow(/smtp/);
    peer = await startSmtpPeer({ users: { acme: PASS } });
    const fromEnv = mailerFromEnv({
      GATEHOUSE_SMTP_URL: `smtp://acme:${encodeURIComponent(PASS)}@127.0.0.1:${peer.port}`,
      GATEHOUSE_SMTP_REQUIRE_TLS: 'false', GATEHOUSE_MAIL_FROM: 'Acme <support@acme.test>',
    })!;
    mailers.push(fromEnv);
    await fromEnv.sendReply({ to: 'jane@example.com', subject: 'Hi', text: 'Hello' });
    expect(peer.mails[0]).toMatchObject({ user: 'acme', envelope: { from: 'support@acme.test' } });
  });
});

describe('e-mail round trip', () => {
  it('a customer e-mail comes in through the webhook and the reply goes back in the same thread', async () => {
    peer = await startSmtpPeer();
    const m = mailer(peer.port);
    const tickets: InboundTicket[] = [];
    const app = createInboundEmailRoute({
      resolveOrgByAddress: (a) => (a === 'support@acme.test' ? 'org_acme' : null),
      submitTicket: (t) => void tickets.push(t),
    });
    const res = await app.request('/', {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: 'Jane <jane@example.com>', to: 'support@acme.test', subject: 'Broken mug', text: 'Order #1042 broke.', 'Message-Id': '<m1@example.com>', references: '<m0@acme.test>' }),
    });
    expect(res.status).toBe(202);
    const { thread } = tickets[0];
    await m.sendReply({ to: thread.replyTo, toName: thread.replyToName, subject: thread.subject, text: 'We are on it.', inReplyTo: thread.messageId, references: thread.references });
    const [mail] = peer.mails;
    expect(mail.envelope.to).toEqual(['jane@example.com']);
    expect(mail.headers.get('in-reply-to')).toBe('<m1@example.com>');
    expect(mail.headers.get('references')).toBe('<m0@acme.test> <m1@example.com>');
    expect(mail.headers.get('subject')).toBe('Re: Broken mug');
  });
});
