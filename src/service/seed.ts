// First start with an empty database: a demo organisation (shadow mode) with a demo store, a
// person to sign in as, an API key and a handful of decided tickets, so the dashboard is not empty.
import { randomBytes } from 'node:crypto';
import type { Db } from './db/port.ts';
import { createApiKey, createOrg, createUser } from './repo/accounts.ts';
import { saveSettings } from './repo/settings.ts';
import { setInboundAddress } from './repo/integrations.ts';
import { submitTicket } from './pipeline/submit.ts';
import { loadDemoStore } from '../adapters/store/demo.ts';
import type { Customer, ModelAnswer, Order } from '../tickets/scenario.ts';
import type { ServiceContext } from './pipeline/context.ts';
import { processTicket } from './pipeline/process-ticket.ts';

export const DEMO_EMAIL = 'demo@gatehouse.local';

const DAY = 86_400_000;
const ago = (now: number, days: number) => new Date(now - days * DAY).toISOString();

/** The demo store: a few customers with a story each (a VIP, a serial returner, a new customer). */
export function demoStoreData(now = Date.now()): { customers: Customer[]; orders: Order[] } {
  const customers: Customer[] = [
    { id: 'cus_jane', email: 'jane@example.com', name: 'Jane Doe', tags: [], createdAt: ago(now, 400) },
    { id: 'cus_omar', email: 'omar@example.com', name: 'Omar Haddad', tags: ['vip'], createdAt: ago(now, 900) },
    { id: 'cus_lee', email: 'lee@example.com', name: 'Lee Park', tags: [], createdAt: ago(now, 30) },
    { id: 'cus_sam', email: 'sam@example.com', name: 'Sam Rivera', tags: [], createdAt: ago(now, 200) },
  ];
  const order = (id: string, customerId: string, days: number, items: Array<[string, string, number]>, extra: Partial<Order> = {}): Order => ({
    id, customerId, createdAt: ago(now, days), currency: 'USD', totalPrice: items.reduce((s, [, , p]) => s + p, 0), refundedAmount: 0,
    financialStatus: 'paid', fulfillmentStatus: 'fulfilled', cancelledAt: null,
    lineItems: items.map(([sku, title, price], i) => ({ id: `li_${id}_${i + 1}`, sku, title, quantity: 1, price })), ...extra,
  });
  const orders: Order[] = [
    order('1042', 'cus_jane', 10, [['MUG-1', 'Stoneware mug', 34]]),
    order('1038', 'cus_jane', 40, [['TEE-M', 'Linen tee (M)', 48], ['SOCK-2', 'Wool socks', 18]]),
    order('1051', 'cus_omar', 5, [['LAMP-1', 'Brass desk lamp', 142]], { fulfillmentStatus: 'unfulfilled' }),
    order('1047', 'cus_omar', 20, [['RUG-3', 'Hand-woven rug', 340]]),
    order('1055', 'cus_lee', 3, [['KETTLE', 'Enamel kettle', 64]]),
    order('1060', 'cus_sam', 2, [['CANDLE', 'Beeswax candle', 22]]),
    order('1012', 'cus_sam', 95, [['VASE-1', 'Glass vase', 75]]),
  ];
  return { customers, orders };
}

type Sample = { ticket: { id: string; from: string; subject: string; body: string; channel?: string }; model: ModelAnswer };

/** Tickets with the proposals an AI made for them: each shows a different gate at work. */
export function demoTickets(): Sample[] {
  return [
    { ticket: { id: 'demo-1', from: 'jane@example.com', subject: 'Broken mug', body: 'Hi, my mug from order #1042 arrived broken. Could I get a refund?' },
      model: { intent: 'refund_request', confidence: 0.94, actions: [{ type: 'refund', orderId: '1042', amount: 34, reason: 'damaged' }], reply: "Hi Jane, I'm sorry your mug arrived broken. I've refunded $34.00 to your card; it should appear within 5 business days." } },
    { ticket: { id: 'demo-2', from: 'omar@example.com', subject: 'Cancel my lamp order', body: 'Please cancel order 1051, I ordered the wrong lamp.' },
      model: { intent: 'cancel_order', confidence: 0.91, actions: [{ type: 'cancel', orderId: '1051', reason: 'ordered by mistake' }], reply: "Hi Omar, I've cancelled order #1051 and refunded $142.00." } },
    { ticket: { id: 'demo-3', from: 'omar@example.com', subject: 'Rug is the wrong colour', body: 'The rug from #1047 is not what I expected, I want my money back.' },
      model: { intent: 'refund_request', confidence: 0.9, actions: [{ type: 'refund', orderId: '1047', amount: 340, reason: 'not as described' }], reply: "Hi Omar, I've refunded $340.00 for the rug." } },
    { ticket: { id: 'demo-4', from: 'jane@example.com', subject: 'Refund please', body: 'Order #1042 never arrived, refund me.' },
      model: { intent: 'refund_request', confidence: 0.88, actions: [{ type: 'refund', orderId: '1038', amount: 66, reason: 'not received' }], reply: "Hi Jane, I've refunded order #1038." } },
    { ticket: { id: 'demo-5', from: 'lee@example.com', subject: 'Where is my kettle?', body: 'Hi, when will order 1055 arrive?' },
      model: { intent: 'order_status', confidence: 0.96, actions: [], reply: 'Hi Lee, your kettle (order #1055) has shipped and should arrive in 2-3 days.' } },
    { ticket: { id: 'demo-6', from: 'sam@example.com', subject: 'Talk to a human', body: 'I want to speak to a real person please.' },
      model: { intent: 'human_request', confidence: 0.97, actions: [], reply: null } },
    { ticket: { id: 'demo-7', from: 'promo@spam.example', subject: 'CHEAP FOLLOWERS', body: 'Buy 10k followers now!!!' },
      model: { intent: 'spam', confidence: 0.99, actions: [], reply: null } },
    { ticket: { id: 'demo-8', from: 'sam@example.com', subject: 'Vase', body: 'The vase from 1012 cracked, can I get a refund of half?' },
      model: { intent: 'refund_request', confidence: 0.62, actions: [{ type: 'refund', orderId: '1012', amount: 37.5, reason: 'damaged' }], reply: "Hi Sam, I've refunded $37.50." } },
    { ticket: { id: 'demo-9', from: 'sam@example.com', subject: 'Candle', body: 'My candle from order 1060 melted in transit. Refund? Call me at 555-201-7788.' },
      model: { intent: 'refund_request', confidence: 0.92, actions: [{ type: 'refund', orderId: '1060', amount: 22, reason: 'damaged' }], reply: 'Hi Sam, refunded $22.00. We will call you at 555-201-7788.' } },
  ];
}

export interface DemoCredentials {
  orgId: string;
  email: string;
  password: string;
  apiKey: string;
}

const SEED_LOCK = 7_212_002;

/**
 * On an empty database only: creates the demo organisation and decides its sample tickets through
 * the real pipeline. Returns null when an organisation exists. Two instances starting together on
 * an empty database create one demo org: the check and the creation hold one advisory lock.
 */
export async function seedDemoIfEmpty(ctx: ServiceContext, opts: { password?: string; email?: string; tickets?: boolean; inboundAddress?: string } = {}): Promise<DemoCredentials | null> {
  const db: Db = ctx.db;
  const password = opts.password ?? randomBytes(9).toString('base64url');
  const email = opts.email ?? DEMO_EMAIL;
  const created = await db.transaction(async (tx) => {
    await tx.executeSql('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK]);
    const { rows } = await tx.executeSql<{ n: number }>('SELECT count(*)::int AS n FROM orgs');
    if (rows[0].n > 0) return null;
    const orgId = await createOrg(tx, 'Demo Store');
    const { customers, orders } = demoStoreData();
    await createUser(tx, orgId, { email, password, name: 'Demo User' });
    await saveSettings(tx, orgId, { mode: 'shadow' }, 'system:seed');
    await setInboundAddress(tx, orgId, opts.inboundAddress ?? 'support@demo.gatehouse.local');
    await loadDemoStore(tx, orgId, { customers, orders });
    return { orgId, apiKey: (await createApiKey(tx, orgId, 'demo', 'system:seed')).key };
  });
  if (!created) return null;
  const org = created.orgId;
  const apiKey = created.apiKey;
  if (opts.tickets !== false) {
    for (const sample of demoTickets()) {
      await submitTicket({ ...ctx, wake: undefined }, org, { ticket: { channel: 'email', ...sample.ticket }, model: sample.model });
      await processTicket(ctx, org, sample.ticket.id);
    }
  }
  return { orgId: org, email, password, apiKey };
}
