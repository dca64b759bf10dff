import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShopifyStore } from '../../src/adapters/store/shopify/index.ts';
import { createShopifyStoreFromConfig, sealShopifyConfig } from '../../src/adapters/store/shopify/config.ts';
import { createOpenAICompatibleModel } from '../../src/adapters/model/openai-compatible.ts';
import { createSmtpMailer } from '../../src/adapters/mail/smtp.ts';
import { decryptSecret, encryptSecret } from '../../src/adapters/secrets/index.ts';
import { startShopifyPeer, type ShopifyPeer } from '../peers/shopify/server.ts';
import { startOpenAIPeer, type OpenAIPeer } from '../peers/openai.ts';
import { startSmtpPeer, type SmtpPeer } from '../peers/smtp.ts';

/**
 * One run through every adapter, the happy paths and the failures, with everything it logged,
 * threw or wrote to the console captured, then grepped for every credential in any encoding.
 */

const GATEHOUSE_SECRET = 'gatehouse-master-secret-0042-abcdef';
const MODEL_KEY = 'sk-leaktest-0123456789abcdefghij';
const SMTP_PASS = 'smtp-leaktest-password-987';

let shopify: ShopifyPeer;
let openai: OpenAIPeer;
let smtp: SmtpPeer;
const captured: string[] = [];

function capture(error: unknown): void {
  const e = error as Error & Record<string, unknown>;
  captured.push(String(e), e?.stack ?? '', JSON.stringify(e), JSON.stringify(Object.entries(e ?? {})));
}

beforeAll(async () => {
  shopify = await startShopifyPeer();
  openai = await startOpenAIPeer({ slowMs: 500 });
  smtp = await startSmtpPeer({ users: { acme: 'the-real-password' } });
});
afterAll(async () => {
  await Promise.all([shopify.close(), openai.close(), smtp.close()]);
});

describe('no credential in any log line, error or console output', () => {
  it('holds across a run of every adapter', async () => {
    const originals = { log: console.log, error: console.error, warn: console.warn, info: console.info, out: process.stdout.write, err: process.stderr.write };
    const hook = (...args: unknown[]) => void captured.push(args.map(String).join(' '));
    console.log = console.error = console.warn = console.info = hook;
    process.stdout.write = ((chunk: unknown, ...rest: unknown[]) => (captured.push(String(chunk)), originals.out.call(process.stdout, chunk as string, ...(rest as [])))) as typeof process.stdout.write;
    process.stderr.write = ((chunk: unknown, ...rest: unknown[]) => (captured.push(String(chunk)), originals.err.call(process.stderr, chunk as string, ...(rest as [])))) as typeof process.stderr.write;
    const log = (line: string) => captured.push(line);
    try {
      // store: a fixed token, then the sealed one, through throttling, refusals and a wrong token
      const store = createShopifyStore({ shop: 'x', accessToken: shopify.token, baseUrl: shopify.url, log, sleep: async () => {} });
      shopify.throttleNext(1);
      await store.listOrders('7001');
      await store.refund({ orderId: '1002', amount: 5, currency: 'USD' }, 'leak-1');
      await store.refund({ orderId: '1002', amount: 5000, currency: 'USD' }, 'leak-2').catch(capture);
      await store.cancel({ orderId: '1001' }, 'leak-3').catch(capture);
      const sealed = await sealShopifyConfig({ shop: 'x', accessToken: shopify.token }, GATEHOUSE_SECRET);
      captured.push(JSON.stringify(sealed));
      const fromConfig = createShopifyStoreFromConfig(sealed, { secret: GATEHOUSE_SECRET, baseUrl: shopify.url, log, sleep: async () => {} });
      shopify.failNext(500, 10);
      await fromConfig.getOrder('1001').catch(capture);
      await createShopifyStoreFromConfig(sealed, { secret: `${GATEHOUSE_SECRET}-rotated`, baseUrl: shopify.url, log }).getOrder('1001').catch(capture);
      await decryptSecret(`${sealed.accessTokenSealed.slice(0, -2)}AA`, GATEHOUSE_SECRET).catch(capture);
      await encryptSecret(shopify.token, 'short').catch(capture);

      // model: good, then an echoing 500, malformed, invalid, and a timeout
      const model = createOpenAICompatibleModel({ url: openai.url, apiKey: MODEL_KEY, model: 'm', timeoutMs: 200, log });
      const ticket = { id: 't', channel: 'email', from: 'jane@example.com', subject: 's', body: 'Order #1042', receivedAt: null };
      await model.propose({ ticket, customer: null, orders: [], now: '2026-03-20T12:00:00Z' });
      openai.queue('error', 'malformed', 'invalid', 'slow');
      for (let i = 0; i < 4; i++) await model.propose({ ticket, customer: null, orders: [], now: '2026-03-20T12:00:00Z' }).catch(capture);

      // mail: a wrong password
      const mailer = createSmtpMailer({ host: '127.0.0.1', port: smtp.port, secure: false, from: 'a@acme.test', auth: { user: 'acme', pass: SMTP_PASS }, log });
      await mailer.sendReply({ to: 'jane@example.com', subject: 's', text: 't' }).catch(capture);
      mailer.close();
    } finally {
      console.log = originals.log;
      console.error = originals.error;
      console.warn = originals.warn;
      console.info = originals.info;
      process.stdout.write = originals.out;
      process.stderr.write = originals.err;
    }

    expect(captured.length).toBeGreaterThan(30);
    const forms = (secret: string) => [secret, Buffer.from(secret).toString('base64'), encodeURIComponent(secret)];
    const secrets = [shopify.token, MODEL_KEY, SMTP_PASS, GATEHOUSE_SECRET, Buffer.from(`\u0000acme\u0000${SMTP_PASS}`).toString('base64')];
    const everything = captured.join('\n');
    for (const secret of secrets) for (const form of forms(secret)) expect(everything).not.toContain(form);
  });
});
