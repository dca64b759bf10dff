import { decide, parseScenario, type DecideDeps } from '../../src/tickets/decide.ts';
import { deepMerge } from '../../src/tickets/settings.ts';
import type { Decision } from '../../src/tickets/scenario.ts';

export const NOW = '2026-03-30T12:00:00Z';
const nowMs = Date.parse(NOW);
/** An instant `days` (fractional allowed) before NOW. */
export const daysAgo = (days: number): string => new Date(nowMs - days * 86_400_000).toISOString();
export const hoursAgo = (hours: number): string => new Date(nowMs - hours * 3_600_000).toISOString();

/**
 * A live-mode store with Jane (cus_1) and her orders, and an org that has executed each action
 * type before (for another customer, long ago), so only the gate under test decides.
 */
export function baseScenario(): Record<string, any> {
  return {
    id: 'base',
    now: NOW,
    settings: { mode: 'live' },
    store: {
      customers: [
        { id: 'cus_1', email: 'jane@example.com', name: 'Jane Doe', tags: [] },
        { id: 'cus_2', email: 'bob@example.com', name: 'Bob Roe', tags: [] },
      ],
      orders: [
        order('1042', { totalPrice: 34, fulfillmentStatus: 'fulfilled', createdAt: daysAgo(10) }),
        order('1043', { totalPrice: 250, fulfillmentStatus: 'unfulfilled', createdAt: daysAgo(2) }),
        order('1044', { totalPrice: 500, fulfillmentStatus: 'fulfilled', createdAt: daysAgo(5) }),
        order('2001', { customerId: 'cus_2', totalPrice: 80, fulfillmentStatus: 'fulfilled', createdAt: daysAgo(3) }),
      ],
    },
    history: [
      { kind: 'action', type: 'refund', customerId: 'cus_9', orderId: '900', amount: 10, status: 'executed', at: daysAgo(200) },
      { kind: 'action', type: 'cancel', customerId: 'cus_9', orderId: '901', amount: 10, status: 'executed', at: daysAgo(200) },
      { kind: 'action', type: 'exchange', customerId: 'cus_9', orderId: '902', amount: 10, status: 'executed', at: daysAgo(200) },
    ],
    riskSignals: [],
    ticket: { id: 't_1', channel: 'email', from: 'jane@example.com', subject: 'Broken mug', body: 'Hi, my mug from order #1042 arrived broken.' },
    model: {
      intent: 'refund_request',
      confidence: 0.94,
      actions: [{ type: 'refund', orderId: '1042', amount: 34, reason: 'damaged' }],
      reply: "Hi Jane, I'm sorry your mug arrived broken. I have refunded 34.00 USD.",
    },
  };
}

export function order(id: string, patch: Record<string, unknown> = {}): Record<string, unknown> {
  const totalPrice = (patch.totalPrice as number) ?? 34;
  return {
    id,
    customerId: 'cus_1',
    createdAt: daysAgo(10),
    currency: 'USD',
    totalPrice,
    refundedAmount: 0,
    financialStatus: 'paid',
    fulfillmentStatus: 'fulfilled',
    cancelledAt: null,
    lineItems: [{ id: `li_${id}`, sku: `SKU-${id}`, title: 'Item', quantity: 1, price: totalPrice }],
    ...patch,
  };
}

/** Objects merge, arrays replace (like settings). */
export function scenarioWith(patch: Record<string, unknown> = {}): Record<string, any> {
  return deepMerge(baseScenario(), patch) as Record<string, any>;
}

export async function run(patch: Record<string, unknown> = {}, deps: DecideDeps = {}): Promise<Decision> {
  return decide(parseScenario(scenarioWith(patch)), deps);
}

export function refund(orderId: string, amount: number) {
  return { type: 'refund', orderId, amount, reason: 'damaged' };
}

/** A model answer with these actions (the rest as in the base scenario). */
export function proposing(actions: unknown[], extra: Record<string, unknown> = {}) {
  return { model: { intent: 'refund_request', confidence: 0.94, actions, reply: 'Hi Jane, sorted.', ...extra } };
}

export const gatesRan = (d: Decision) => d.trace.map((t) => `${t.gate}:${t.verdict}`);
