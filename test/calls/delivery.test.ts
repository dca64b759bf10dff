import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { createSummaryDelivery } from '../../src/calls/delivery/deliver.ts';
import { createTwilioSms } from '../../src/calls/delivery/sms.ts';
import { call, AFTER_HOURS, exampleConfig } from './helpers.ts';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

async function startSmtp() {
  const received: { from: string; to: string[]; data: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, done) {
      let data = '';
      stream.on('data', (c: Buffer) => (data += c.toString('utf8')));
      stream.on('end', () => {
        received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), data });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  return { port: (server.server.address() as AddressInfo).port, received };
}

async function startFakeTwilio(status = 201) {
  const requests: { url: string; auth: string; body: URLSearchParams }[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      requests.push({ url: req.url ?? '', auth: req.headers.authorization ?? '', body: new URLSearchParams(body) });
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(status < 300 ? { sid: 'SM123', status: 'queued' } : { code: 21211, message: "The 'To' number is not a valid phone number." }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  return { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

describe('summary delivery', () => {
  it('e-mails the office over SMTP and texts on-call through the Twilio REST API', async () => {
    const smtp = await startSmtp();
    const twilio = await startFakeTwilio();
    const deliver = createSummaryDelivery({
      smtp: { host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true },
      from: 'calls@acme.example',
      sms: createTwilioSms({ accountSid: 'AC123', authToken: 'secret-token', from: '+12175550199', baseUrl: twilio.baseUrl }),
    });
    const result = call(['i smell gas'], { now: AFTER_HOURS });
    const outcomes = await deliver(result, exampleConfig());
    expect(outcomes).toEqual([
      { recipient: 'office', channel: 'email', ok: true },
      { recipient: 'oncall', channel: 'sms', ok: true },
    ]);
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0].to).toEqual(['office@acme.example']);
    expect(smtp.received[0].data).toMatch(/Subject: \[URGENT\] Acme Plumbing & Heating: call t, safety escalation \(gas\)/);
    expect(smtp.received[0].data).toContain('Safety script read: default-gas v1');
    expect(twilio.requests).toHaveLength(1);
    expect(twilio.requests[0].url).toBe('/2010-04-01/Accounts/AC123/Messages.json');
    expect(twilio.requests[0].auth).toBe(`Basic ${Buffer.from('AC123:secret-token').toString('base64')}`);
    expect(twilio.requests[0].body.get('To')).toBe('+12175550100');
    expect(twilio.requests[0].body.get('Body')).toMatch(/SAFETY ESCALATION/);
  });

  it('one failing channel does not stop the others, and the error never carries the token', async () => {
    const smtp = await startSmtp();
    const twilio = await startFakeTwilio(400);
    const deliver = createSummaryDelivery({
      smtp: { host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true },
      sms: createTwilioSms({ accountSid: 'AC123', authToken: 'secret-token', from: '+12175550199', baseUrl: twilio.baseUrl }),
    });
    const outcomes = await deliver(call(['i smell gas'], { now: AFTER_HOURS }), exampleConfig());
    expect(outcomes[0]).toMatchObject({ channel: 'email', ok: true });
    expect(outcomes[1]).toMatchObject({ channel: 'sms', ok: false });
    expect(outcomes[1].error).toMatch(/HTTP 400 \(21211 The 'To' number/);
    expect(outcomes[1].error).not.toContain('secret-token');
  });

  it('a routine call goes only to recipients whose gets match', async () => {
    const smtp = await startSmtp();
    const twilio = await startFakeTwilio();
    const deliver = createSummaryDelivery({
      smtp: { host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true },
      sms: createTwilioSms({ accountSid: 'AC1', authToken: 't', from: '+12175550199', baseUrl: twilio.baseUrl }),
    });
    await deliver(call(['the sink is clogged']), exampleConfig());
    expect(smtp.received).toHaveLength(1);
    expect(twilio.requests).toHaveLength(0);
  });
});
