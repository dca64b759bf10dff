import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { orderSchema } from '../../src/tickets/scenario.ts';
import { ShopifyError, createShopifyStore, idempotencyMarker, type ShopifyStoreOptions } from '../../src/adapters/store/shopify/index.ts';
import { createShopifyStoreFromConfig, publicShopifyConfig, sealShopifyConfig } from '../../src/adapters/store/shopify/config.ts';
import { startShopifyPeer, type ShopifyPeer } from '../peers/shopify/server.ts';

let peer: ShopifyPeer;
let logs: string[];
let waits: number[];

function store(extra: Partial<ShopifyStoreOptions> = {}) {
  return createShopifyStore({
    shop: 'gatehouse-test',
    accessToken: peer.token,
    baseUrl: peer.url,
    log: (line) => logs.push(line),
    sleep: async (ms) => void waits.push(ms),
    ...extra,
  });
}

async function errorOf(promise: Promise<unknown>): Promise<ShopifyError> {
  try {
    await promise;
  } catch (error) {
    return error as ShopifyError;
  }
  throw new Error('expected an error');
}

const order = (name: string) => peer.state.orders.find((o) => o.name === name)!;
const mutationsOf = (field: string) => peer.mutations.filter((m) => m.field === field);

beforeEach(async () => {
  peer = await startShopifyPeer();
  logs = [];
  waits = [];
});
afterEach(async () => {
  await peer.close();
});

describe('Shopify store: reads', () => {
  it('finds a customer by exact e-mail only (case-insensitive), never a near miss', async () => {
    const s = store();
    const jane = await s.findCustomerByEmail('Jane@Example.com');
    expect(jane).toMatchObject({ id: '7001', email: 'jane@example.com', name: 'Jane Doe', tags: ['vip'] });
    expect(await s.findCustomerByEmail('jane@example.co')).toBeNull();
    expect(await s.findCustomerByEmail('nobody@example.com')).toBeNull();
  });

  it("pages through a customer's orders, newest first, with every line item", async () => {
    const orders = await store({ pageSize: 2 }).listOrders('7001');
    expect(orders.map((o) => o.id)).toEqual(['1005', '1004', '1003', '1002', '1001', '1006']);
    expect(peer.requests.filter((r) => r.operation === 'CustomerOrders')).toHaveLength(3);
    const many = orders.find((o) => o.id === '1004')!;
    expect(many.lineItems).toHaveLength(120);
    expect(new Set(many.lineItems.map((li) => li.id)).size).toBe(120);
    expect(peer.requests.filter((r) => r.operation === 'OrderLineItems')).toHaveLength(2);
    for (const o of orders) expect(() => orderSchema.parse(o)).not.toThrow();
  });

  it('maps refunds so far, fulfilment, cancellation and currency onto our order shape', async () => {
    const s = store();
    expect(await s.getOrder('#1001')).toMatchObject({
      id: '1001', customerId: '7001', currency: 'USD', totalPrice: 34, refundedAmount: 0,
      financialStatus: 'paid', fulfillmentStatus: 'fulfilled', cancelledAt: null,
      lineItems: [{ id: '3001', sku: 'MUG-BLUE', title: 'Blue mug', quantity: 1, price: 24 }, { id: '3002', sku: 'TEE-M', price: 10 }],
    });
    expect(await s.getOrder('1003')).toMatchObject({ totalPrice: 60, refundedAmount: 15, financialStatus: 'partially_refunded' });
    expect(await s.getOrder('1005')).toMatchObject({ currency: 'EUR', totalPrice: 25 });
    expect((await s.getOrder('1006'))?.cancelledAt).toBe('2026-02-12T10:00:00Z');
    expect(await s.getOrder('9999')).toBeNull();
  });

  it('waits (requested − available) / restoreRate seconds when throttled, then retries', async () => {
    peer.throttleNext(1, { requested: 50, currentlyAvailable: 20, restoreRate: 100 });
    const found = await store().getOrder('1002');
    expect(found?.id).toBe('1002');
    expect(waits).toEqual([300]);
    expect(peer.requests.map((r) => r.operation).slice(0, 2)).toEqual(['OrderByName', 'OrderByName']);
    expect(logs.some((l) => l.includes('THROTTLED'))).toBe(true);
  });

  it('paces itself when the last reported bucket cannot hold the next query, instead of being throttled', async () => {
    const s = store();
    peer.setBucket({ currentlyAvailable: 2, restoreRate: 1 });
    await s.getOrder('1002'); // learns the cost (12) and the nearly empty bucket
    expect(waits).toEqual([]);
    await s.getOrder('1002');
    // (12 − 2) / 1 = 10 s, less the few milliseconds between the two calls
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThan(7_000); // generous: the machine may be slow between the two calls
    expect(waits[0]).toBeLessThanOrEqual(10_000);
    expect(peer.requests.every((r) => r.status === 200)).toBe(true);
  });

  it('gives up with a throttled error when the store stays throttled', async () => {
    peer.throttleNext(10);
    const error = await errorOf(store({ maxAttempts: 3 }).getOrder('1002'));
    expect(error).toBeInstanceOf(ShopifyError);
    expect(error.code).toBe('throttled');
    expect(error.retryable).toBe(true);
    expect(peer.requests).toHaveLength(3);
  });

  it('retries a read after a server error', async () => {
    peer.failNext(502);
    expect((await store().getOrder('1002'))?.id).toBe('1002');
    expect(peer.requests.map((r) => r.status)).toEqual([502, 200]);
  });
});

describe('Shopify store: refunds', () => {
  it('creates a refund with the @idempotent directive and our marker in the note', async () => {
    const result = await store().refund({ orderId: '1002', amount: 20, currency: 'USD', reason: 'late delivery' }, 'key-1');
    expect(result.amount).toBe(20);
    expect(result.id).toMatch(/^gid:\/\/shopify\/Refund\//);
    const [sent] = mutationsOf('refundCreate');
    expect(sent.idempotencyKey).toBe('key-1');
    expect(order('#1002').refunds).toHaveLength(1);
    expect(order('#1002').refunds[0].note).toBe(`late delivery ${idempotencyMarker('key-1')}`);
    expect((sent.variables.input as { notify: boolean }).notify).toBe(true);
    await store({ notifyCustomer: false }).refund({ orderId: '1002', amount: 1, currency: 'USD' }, 'key-1b');
    expect((mutationsOf('refundCreate')[1].variables.input as { notify: boolean }).notify).toBe(false);
  });

  it('moves money once for a repeated idempotency key, even when the first answer was lost', async () => {
    const s = store();
    peer.dropResponseAfter('refundCreate');
    const first = await s.refund({ orderId: '1002', amount: 30, currency: 'USD' }, 'key-lost');
    // the connection was cut after Shopify executed it; the adapter resent with the same key
    expect(mutationsOf('refundCreate').map((m) => m.idempotencyKey)).toEqual(['key-lost', 'key-lost']);
    const again = await s.refund({ orderId: '1002', amount: 30, currency: 'USD' }, 'key-lost');
    expect(again).toEqual(first);
    expect(order('#1002').refunds).toHaveLength(1);
    expect(order('#1002').refunds[0].amount).toBe(30);
    // the third call found our marker and sent nothing
    expect(mutationsOf('refundCreate')).toHaveLength(2);
  });

  it('refuses to refund more than the store reports as refundable at execution time', async () => {
    const s = store();
    const seen = await s.getOrder('1002');
    expect(seen!.totalPrice - seen!.refundedAmount).toBe(80);
    // someone refunds 70 in the Shopify admin after the ticket was decided
    order('#1002').refunds.push({ id: 1, note: 'admin', amount: 70, createdAt: '2026-03-10T00:00:00Z' });
    const error = await errorOf(s.refund({ orderId: '1002', amount: 20, currency: 'USD' }, 'key-2'));
    expect(error.code).toBe('refused');
    expect(error.message).toContain('10.00 USD');
    expect(mutationsOf('refundCreate')).toHaveLength(0);
    expect(order('#1002').refunds).toHaveLength(1);
  });

  it('splits a refund across the payments Shopify suggests (gift card and card)', async () => {
    const result = await store().refund({ orderId: '1003', amount: 45, currency: 'USD' }, 'key-3');
    expect(result.amount).toBe(45);
    const transactions = (mutationsOf('refundCreate')[0].variables.input as { transactions: { gateway: string; amount: string; kind: string }[] }).transactions;
    expect(transactions).toEqual([
      expect.objectContaining({ gateway: 'gift_card', amount: '5.00', kind: 'REFUND' }),
      expect.objectContaining({ gateway: 'shopify_payments', amount: '40.00', kind: 'REFUND' }),
    ]);
    const error = await errorOf(store().refund({ orderId: '1003', amount: 0.01, currency: 'USD' }, 'key-4'));
    expect(error.code).toBe('refused');
  });

  it('refuses a currency mismatch, a non-positive amount and an unknown order, sending nothing', async () => {
    const s = store();
    expect((await errorOf(s.refund({ orderId: '1005', amount: 5, currency: 'USD' }, 'k'))).code).toBe('refused');
    expect((await errorOf(s.refund({ orderId: '1002', amount: 0, currency: 'USD' }, 'k'))).code).toBe('refused');
    expect((await errorOf(s.refund({ orderId: '4242', amount: 5, currency: 'USD' }, 'k'))).code).toBe('not_found');
    expect((await errorOf(s.refund({ orderId: '1002', amount: 5, currency: 'USD' }, ''))).code).toBe('invalid_config');
    expect(peer.mutations).toHaveLength(0);
  });

  it('reports a key reused with different parameters as an idempotency conflict', async () => {
    const s = store();
    await s.refund({ orderId: '1002', amount: 10, currency: 'USD' }, 'key-5');
    // a different order under the same key: our marker is not on it, Shopify's key check refuses it
    const error = await errorOf(s.refund({ orderId: '1003', amount: 10, currency: 'USD' }, 'key-5'));
    expect(error.code).toBe('idempotency_conflict');
    expect(order('#1003').refunds).toHaveLength(1);
  });
});

describe('Shopify store: cancel and exchange', () => {
  it('cancels an unfulfilled order once, reporting the refundable amount it released', async () => {
    const s = store();
    expect((await s.cancel({ orderId: '1002', reason: 'changed mind' }, 'c-1')).amount).toBe(80);
    expect(order('#1002').cancelledAt).not.toBeNull();
    expect(order('#1002').staffNote).toContain(idempotencyMarker('c-1'));
    expect((await s.cancel({ orderId: '1002' }, 'c-1')).amount).toBe(0);
    expect(mutationsOf('orderCancel')).toHaveLength(1);
  });

  it('refuses to cancel a shipped order', async () => {
    const error = await errorOf(store().cancel({ orderId: '1001' }, 'c-2'));
    expect(error.code).toBe('refused');
    expect(mutationsOf('orderCancel')).toHaveLength(0);
  });

  it('opens a return with an exchange for the exact SKU, once per key', async () => {
    const s = store();
    const result = await s.exchange({ orderId: '1001', lineItemId: '3002', newSku: 'TEE-L' }, 'x-1');
    expect(result.amount).toBe(10);
    expect(order('#1001').returns).toHaveLength(1);
    expect(order('#1001').returns[0].exchangeVariantIds).toEqual([6001]);
    expect(order('#1001').returns[0].lines[0].fulfillmentLineItemId).toBe(9000 + 3002);
    const again = await s.exchange({ orderId: '1001', lineItemId: '3002', newSku: 'TEE-L' }, 'x-1');
    expect(again.id).toBe(result.id);
    expect(mutationsOf('returnCreate')).toHaveLength(1);
  });

  it('refuses an exchange of an undelivered item, of an unsellable SKU, or of a SKU it cannot find', async () => {
    const s = store();
    expect((await errorOf(s.exchange({ orderId: '1002', lineItemId: '3003', newSku: 'TEE-L' }, 'x-2'))).code).toBe('refused');
    expect((await errorOf(s.exchange({ orderId: '1001', lineItemId: '3002', newSku: 'TEE-XL' }, 'x-3'))).code).toBe('refused');
    expect((await errorOf(s.exchange({ orderId: '1001', lineItemId: '3002', newSku: 'NOPE' }, 'x-4'))).code).toBe('refused');
    expect(mutationsOf('returnCreate')).toHaveLength(0);
  });
});

describe('Shopify store: configuration and secrecy', () => {
  it('accepts only *.myshopify.com shops when no base URL is given', () => {
    expect(() => createShopifyStore({ shop: 'evil.example.com', accessToken: 'x' })).toThrow(ShopifyError);
    expect(() => createShopifyStore({ shop: 'acme', accessToken: 'x' })).not.toThrow();
    expect(() => createShopifyStore({ shop: 'acme', accessToken: '' })).toThrow(/accessToken is required/);
  });

  it('never lets the access token into a log line or an error, whatever goes wrong', async () => {
    const seen: string[] = [];
    const record = (error: unknown) => seen.push(String(error), (error as Error).stack ?? '', JSON.stringify(error));
    const s = store();
    peer.throttleNext(1);
    await s.getOrder('1001');
    await s.refund({ orderId: '1002', amount: 5, currency: 'USD' }, 'secret-run');
    await s.refund({ orderId: '1002', amount: 500, currency: 'USD' }, 'secret-run-2').catch(record);
    // a misbehaving proxy echoes the request headers back in its errors: still redacted
    const echo = createShopifyStore({
      shop: 'x', accessToken: peer.token, baseUrl: peer.url, maxAttempts: 1, log: (l) => logs.push(l),
      fetch: async (_url, init) => new Response(JSON.stringify({ errors: [{ message: `bad header ${JSON.stringify(init?.headers)}` }] }), { status: 200 }),
    });
    const echoed = await errorOf(echo.getOrder('1001'));
    expect(echoed.message).toContain('[redacted]');
    record(echoed);
    const wrong = createShopifyStore({ shop: 'x', accessToken: 'shpat_wrongwrongwrongwrong', baseUrl: peer.url, log: (l) => logs.push(l) });
    await wrong.getOrder('1001').catch(record);
    const closed = createShopifyStore({ shop: 'x', accessToken: peer.token, baseUrl: 'http://127.0.0.1:9', maxAttempts: 1, log: (l) => logs.push(l) });
    await closed.getOrder('1001').catch(record);
    expect(seen.length).toBeGreaterThan(3);
    expect(logs.length).toBeGreaterThan(3);
    for (const line of [...logs, ...seen]) {
      expect(line).not.toContain(peer.token);
      expect(line).not.toContain('shpat_wrongwrongwrongwrong');
    }
  });
});

describe('Shopify store from a sealed config', () => {
  const SECRET = 'gatehouse-secret-for-tests-0001';

  it('seals the token, shows none of it, and opens it only to call the store', async () => {
    const stored = await sealShopifyConfig({ shop: 'Gatehouse-Test', accessToken: peer.token }, SECRET);
    expect(stored).toMatchObject({ kind: 'shopify', shop: 'gatehouse-test.myshopify.com', apiVersion: '2026-01' });
    expect(JSON.stringify(stored)).not.toContain(peer.token);
    expect(JSON.stringify(publicShopifyConfig(stored))).not.toContain(stored.accessTokenSealed);
    const s = createShopifyStoreFromConfig(stored, { secret: SECRET, baseUrl: peer.url, log: (l) => logs.push(l) });
    expect((await s.getOrder('1001'))?.id).toBe('1001');
    // the wrong secret: a clear error, no request sent, nothing secret in it
    const before = peer.requests.length;
    const wrong = createShopifyStoreFromConfig(stored, { secret: 'another-secret-entirely-000', baseUrl: peer.url });
    const error = await errorOf(wrong.getOrder('1001'));
    expect(error.code).toBe('invalid_config');
    expect(error.message).toMatch(/could not be decrypted/);
    expect(peer.requests.length).toBe(before);
    for (const text of [error.message, ...logs]) expect(text).not.toContain(peer.token);
  });

  it('names the field of a bad connection input', async () => {
    await expect(sealShopifyConfig({ shop: 'evil.example.com', accessToken: 'shpat_x1234567' }, SECRET)).rejects.toMatchObject({ issues: [{ field: 'shop' }] });
    await expect(sealShopifyConfig({ shop: 'acme', accessToken: 'x' }, SECRET)).rejects.toMatchObject({ issues: [{ field: 'accessToken' }] });
  });
});
