import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createInboundEmailRoute, type InboundEmailRouteOptions } from '../../src/adapters/mail/route.ts';
import { emailBody, stripQuotedAndSignature, type InboundTicket } from '../../src/adapters/mail/inbound.ts';
import { extractOrderIds } from '../../src/tickets/extract-order-ids.ts';
import { EMAIL_CORPUS, EMAIL_CORPUS_HELDOUT } from './fixtures/email-corpus.ts';

const SECRET = 'inbound-secret-0123456789';
const ORGS: Record<string, string> = { 'support@acme.test': 'org_acme', 'help@other.test': 'org_other' };

function setup(extra: Partial<InboundEmailRouteOptions> = {}) {
  const submitted: (InboundTicket & { orgId: string })[] = [];
  const app = createInboundEmailRoute({
    resolveOrgByAddress: async (address) => ORGS[address] ?? null,
    submitTicket: async (input) => {
      submitted.push(input);
      return { queued: true };
    },
    secret: SECRET,
    now: () => new Date('2026-03-20T12:00:00Z'),
    ...extra,
  });
  return { app, submitted };
}

const json = (body: unknown, headers: Record<string, string> = { authorization: `Bearer ${SECRET}` }) => ({
  method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body),
});

describe('inbound e-mail: provider shapes', () => {
  it('takes a SendGrid-style multipart post (raw headers, envelope JSON) as a threaded ticket', async () => {
    const { app, submitted } = setup();
    const form = new FormData();
    form.set('from', 'Jane Doe <Jane@Example.com>');
    form.set('to', 'Acme Support <support@acme.test>');
    form.set('subject', 'Re: Broken mug');
    form.set('text', 'Order #1042 arrived broken.\n\nOn Mon, 2 Mar 2026 at 10:00, Acme Support <support@acme.test> wrote:\n> Your order #1001 has shipped.');
    form.set('headers', 'Message-ID: <CAF123@mail.example.com>\r\nIn-Reply-To: <reply-1@acme.test>\r\nReferences: <first@acme.test>\r\n <reply-1@acme.test>\r\nDate: Fri, 20 Mar 2026 11:58:00 +0000\r\n');
    form.set('envelope', JSON.stringify({ to: ['support@acme.test'], from: 'jane@example.com' }));
    const res = await app.request(`/?secret=${SECRET}`, { method: 'POST', body: form });
    expect(res.status).toBe(202);
    const answer = await res.json();
    expect(answer).toMatchObject({ status: 'accepted', orgAddress: 'support@acme.test', result: { queued: true } });
    const [t] = submitted;
    expect(t.orgId).toBe('org_acme');
    expect(t.ticket).toMatchObject({ channel: 'email', from: 'jane@example.com', subject: 'Re: Broken mug', body: 'Order #1042 arrived broken.', receivedAt: '2026-03-20T11:58:00.000Z' });
    expect(t.ticket.id).toBe(answer.ticketId);
    expect(t.thread).toEqual({
      messageId: '<CAF123@mail.example.com>', references: ['<first@acme.test>', '<reply-1@acme.test>', '<CAF123@mail.example.com>'],
      subject: 'Re: Broken mug', replyTo: 'jane@example.com', replyToName: 'Jane Doe',
    });
  });

  it('takes a Mailgun-style URL-encoded post (body-plain, recipient, message-headers)', async () => {
    const { app, submitted } = setup();
    const form = new URLSearchParams({
      sender: 'jane@example.com', from: 'Jane <jane@example.com>', recipient: 'support@acme.test', To: 'support@acme.test',
      subject: 'Cancel please', 'body-plain': 'Please cancel order 1043.\n\nThanks,\nJane\n555-123-4567',
      'Message-Id': '<mg-1@example.com>', 'In-Reply-To': '', 'message-headers': JSON.stringify([['Message-Id', '<mg-1@example.com>'], ['Subject', 'Cancel please']]),
    });
    const res = await app.request('/', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-gatehouse-secret': SECRET }, body: form.toString() });
    expect(res.status).toBe(202);
    expect(submitted[0].ticket.body).toBe('Please cancel order 1043.');
    expect(submitted[0].thread.messageId).toBe('<mg-1@example.com>');
  });

  it('takes a Postmark-style JSON post (FromFull, ToFull, Headers list), HTML only, quoted HTML skipped', async () => {
    const { app, submitted } = setup();
    const basic = `Basic ${Buffer.from(`inbound:${SECRET}`).toString('base64')}`;
    const res = await app.request('/', json({
      From: 'jane@example.com', FromFull: { Email: 'jane@example.com', Name: 'Jane Doe' },
      To: 'help@other.test', ToFull: [{ Email: 'help@other.test', Name: '' }],
      Subject: 'Where is my order?', MessageID: 'postmark-internal-id', TextBody: '',
      HtmlBody: '<html><head><style>p{color:red}</style></head><body><p>Hi, where is <b>order #2042</b>?</p><div class="gmail_quote">On Sunday … wrote:<blockquote>order #1999 shipped</blockquote></div></body></html>',
      Headers: [{ Name: 'Message-ID', Value: '<pm-1@example.com>' }, { Name: 'In-Reply-To', Value: '<x@other.test>' }],
    }, { authorization: basic }));
    expect(res.status).toBe(202);
    const [t] = submitted;
    expect(t.orgId).toBe('org_other');
    expect(t.ticket.body).toBe('Hi, where is order #2042?');
    expect(t.thread.messageId).toBe('<pm-1@example.com>');
    expect(t.thread.references).toEqual(['<pm-1@example.com>']);
  });

  it('gives the same ticket id to the same message posted twice (webhook retries)', async () => {
    const { app, submitted } = setup();
    const body = { from: 'jane@example.com', to: 'support@acme.test', subject: 'Hi', text: 'Order #1042?', messageId: 'abc@example.com' };
    await app.request('/', json(body));
    await app.request('/', json(body));
    expect(submitted.map((s) => s.ticket.id)).toEqual([submitted[0].ticket.id, submitted[0].ticket.id]);
    expect(submitted[0].thread.messageId).toBe('<abc@example.com>');
  });

  it('picks the first recipient an organisation owns (Cc and multiple To)', async () => {
    const { app, submitted } = setup();
    await app.request('/', json({ from: 'jane@example.com', to: 'friend@example.org, Support <SUPPORT@acme.test>', cc: 'help@other.test', subject: 's', text: 't' }));
    expect(submitted[0]).toMatchObject({ orgAddress: 'support@acme.test', orgId: 'org_acme' });
  });
});

describe('inbound e-mail: what is refused or ignored', () => {
  it('refuses a missing or wrong secret', async () => {
    const { app, submitted } = setup();
    const body = { from: 'jane@example.com', to: 'support@acme.test', subject: 's', text: 't' };
    expect((await app.request('/', json(body, {}))).status).toBe(401);
    expect((await app.request('/', json(body, { authorization: 'Bearer nope' }))).status).toBe(401);
    expect((await app.request('/?secret=nope', json(body, {}))).status).toBe(401);
    expect(submitted).toHaveLength(0);
  });

  it('names the field when the sender is missing, and refuses other media types', async () => {
    const { app } = setup();
    const res = await app.request('/', json({ to: 'support@acme.test', text: 'hi' }));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'invalid_input', field: 'from' } });
    expect((await app.request('/', { method: 'POST', headers: { 'content-type': 'text/plain', authorization: `Bearer ${SECRET}` }, body: 'hi' })).status).toBe(415);
  });

  it('ignores automated mail and unknown recipients with a 200, so the sender does not retry', async () => {
    const { app, submitted } = setup();
    const auto = await app.request('/', json({ from: 'jane@example.com', to: 'support@acme.test', subject: 'Out of office', text: 'Away', headers: { 'Auto-Submitted': 'auto-replied' } }));
    expect(auto.status).toBe(200);
    expect(await auto.json()).toMatchObject({ status: 'ignored', reason: expect.stringContaining('Auto-Submitted') });
    const bounce = await app.request('/', json({ from: 'MAILER-DAEMON@mx.example.com', to: 'support@acme.test', subject: 'Undelivered', text: 'x' }));
    expect((await bounce.json()).status).toBe('ignored');
    const stranger = await app.request('/', json({ from: 'jane@example.com', to: 'nobody@acme.test', subject: 's', text: 't' }));
    expect(await stranger.json()).toMatchObject({ status: 'ignored' });
    expect(submitted).toHaveLength(0);
  });

  it('accepts any caller when no secret is configured', async () => {
    const { app, submitted } = setup({ secret: null });
    expect((await app.request('/', json({ from: 'jane@example.com', to: 'support@acme.test', subject: 's', text: 't' }, {}))).status).toBe(202);
    expect(submitted).toHaveLength(1);
  });
});

describe('inbound e-mail: quoted history and signatures go before order ids are extracted', () => {
  const cases: [string, string, string[]][] = [
    ['Gmail attribution, wrapped over two lines',
      'My order #1042 is broken.\n\nOn Mon, Mar 2, 2026 at 10:00 AM Acme Support <support@acme.test>\nwrote:\n> Order #1001 shipped', ['1042']],
    ['Outlook header block',
      'Please refund order #1042.\n\n________________________________\nFrom: Acme <support@acme.test>\nSent: Monday, March 2, 2026 10:00\nTo: Jane\nSubject: Order #1001 confirmed\n\nThanks for order #1001', ['1042']],
    ['Outlook block without a rule',
      'Refund order #1042 please\n\nFrom: Acme <support@acme.test>\nDate: 2 March 2026\nTo: jane@example.com\nSubject: Your order #1001', ['1042']],
    ['-----Original Message-----',
      'Cancel order #1042.\n-----Original Message-----\nFrom: support@acme.test\nYour order #1001', ['1042']],
    ['interleaved > lines',
      '> Which order?\nOrder #1042\n> And the item?\nThe mug', ['1042']],
    ['"-- " signature with a reference number',
      'The lamp in order #1042 flickers.\n-- \nJane Doe\nCustomer since order #1000', ['1042']],
    ['Sent from my iPhone',
      'Exchange order #1042 for a large\n\nSent from my iPhone\nOrder #1777', ['1042']],
    ['a closing and a short signature',
      'Where is order #1042?\n\nKind regards,\nJane Doe\nAcct #1055\n+1 555 123 4567', ['1042']],
    ['French attribution',
      'Commande #1042 cassée\n\nLe lun. 2 mars 2026 à 10:00, Acme <support@acme.test> a écrit :\n> commande #1001', ['1042']],
  ];
  it.each(cases)('%s', (_name, text, ids) => {
    const body = stripQuotedAndSignature(text);
    expect(extractOrderIds('', body)).toEqual(ids);
  });

  it('keeps a message that only looks like a closing in its middle', () => {
    const text = 'Thanks for the quick reply.\nI still need a refund for order #1042 because the handle broke off after one day of use.';
    expect(stripQuotedAndSignature(text)).toBe(text);
  });

  it('prefers the text part, falls back to HTML, and keeps forwarded content', () => {
    expect(emailBody({ text: 'Plain #1042', html: '<p>Html #1043</p>' })).toBe('Plain #1042');
    expect(emailBody({ text: '  ', html: '<p>Html <a href="https://x.test/track?order=9999">link</a> #1043</p>' })).toBe('Html link #1043');
    const forwarded = 'See below, please cancel.\n\n---------- Forwarded message ---------\nFrom: Acme <shop@acme.test>\nOrder #1042 confirmed';
    expect(extractOrderIds('', emailBody({ text: forwarded, html: '' }))).toEqual(['1042']);
  });
});

describe('inbound e-mail: the labelled corpus (scripts/quality/email-stripping.ts reports the same)', () => {
  it.each([...EMAIL_CORPUS, ...EMAIL_CORPUS_HELDOUT].map((e) => [e.name, e] as const))('%s', (_name, email) => {
    expect(extractOrderIds('', emailBody({ text: email.text ?? '', html: email.html ?? '' })).sort()).toEqual([...email.ids].sort());
  });
});

describe('inbound e-mail: mounted in a service', () => {
  it('answers at /v1/email/inbound when mounted with app.route', async () => {
    const { Hono } = await import('hono');
    const { app: route, submitted } = setup({ secret: null });
    const service = new Hono();
    service.route('/v1/email/inbound', route);
    const res = await service.request('/v1/email/inbound', json({ from: 'jane@example.com', to: 'support@acme.test', subject: 's', text: 't' }, {}));
    expect(res.status).toBe(202);
    expect(submitted).toHaveLength(1);
  });
});

describe('inbound e-mail: Mailgun signatures', () => {
  const KEY = 'mailgun-signing-key-0123';
  const sign = (timestamp: string, token: string) => createHmac('sha256', KEY).update(timestamp + token).digest('hex');
  const now = Math.floor(new Date('2026-03-20T12:00:00Z').getTime() / 1000);
  const form = (fields: Record<string, string>) => ({
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ sender: 'jane@example.com', recipient: 'support@acme.test', subject: 's', 'body-plain': 'Order #1042', ...fields }).toString(),
  });

  it('accepts a fresh, correctly signed post without the shared secret', async () => {
    const { app, submitted } = setup({ mailgunSigningKey: KEY });
    const res = await app.request('/', form({ timestamp: String(now - 60), token: 'tok-1', signature: sign(String(now - 60), 'tok-1') }));
    expect(res.status).toBe(202);
    expect(submitted).toHaveLength(1);
  });

  it('refuses a wrong, stale or missing signature', async () => {
    const { app, submitted } = setup({ mailgunSigningKey: KEY });
    const stale = String(now - 3600);
    for (const fields of <Record<string, string>[]>[
      { timestamp: String(now), token: 'tok-2', signature: sign(String(now), 'other') },
      { timestamp: stale, token: 'tok-3', signature: sign(stale, 'tok-3') },
      {},
    ]) expect((await app.request('/', form(fields))).status).toBe(401);
    expect(submitted).toHaveLength(0);
  });
});
