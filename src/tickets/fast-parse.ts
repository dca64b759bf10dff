import { z } from 'zod';
import { ACTION_TYPES, INTENTS, RISK_LEVELS } from './settings.ts';
import type { Scenario } from './scenario.ts';

/**
 * A hand-written fast path for `scenarioSchema.parse`, for replaying large files. It accepts only
 * input the zod schema accepts and returns exactly what zod would (a property test pins this);
 * on anything unusual it returns `undefined` and the caller asks zod, which also words the errors.
 */
export function fastParseScenario(value: unknown): Scenario | undefined {
  try {
    return scenario(value);
  } catch (error) {
    if (error === BAIL) return undefined;
    throw error;
  }
}

const BAIL = Symbol('bail');
function bail(): never {
  throw BAIL;
}

// zod's own ISO 8601 pattern for z.iso.datetime({ offset: true }), so both paths agree on every instant.
const INSTANT = (z.iso.datetime({ offset: true }) as unknown as { _zod: { def: { pattern: RegExp } } })._zod.def.pattern;
const CURRENCY = /^[A-Z]{3}$/;
const INTENT_SET = new Set<string>(INTENTS);
const RISK_SET = new Set<string>(RISK_LEVELS);
const FINANCIAL = new Set(['paid', 'partially_refunded', 'refunded', 'pending']);
const FULFILMENT = new Set(['unfulfilled', 'partial', 'fulfilled']);
const ACTION_SET = new Set<string>(ACTION_TYPES);

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const obj = (v: unknown): Obj => (isObj(v) ? v : bail());
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : bail());
/** Each element checked, holes included (a hole is undefined, as zod sees it). */
function list<T>(v: unknown, check: (item: unknown) => T): T[] {
  const items = arr(v);
  const out = new Array<T>(items.length);
  for (let i = 0; i < items.length; i++) out[i] = check(items[i]);
  return out;
}
const str = (v: unknown): string => (typeof v === 'string' ? v : bail());
const nonEmpty = (v: unknown): string => (typeof v === 'string' && v.length > 0 ? v : bail());
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : bail());
const money = (v: unknown): number => (num(v) >= 0 ? (v as number) : bail());
const count = (v: unknown): number => (Number.isSafeInteger(v) && (v as number) >= 0 ? (v as number) : bail());
const instant = (v: unknown): string => (typeof v === 'string' && INSTANT.test(v) ? v : bail());
const oneOf = (set: Set<string>) => (v: unknown): string => (typeof v === 'string' && set.has(v) ? v : bail());
const id = (v: unknown): string => (typeof v === 'string' ? nonEmpty(v) : String(count(v)));

/** Copies `key` when present: a missing key stays missing (like zod), null stays null only if allowed. */
function optional(out: Obj, input: Obj, key: string, check: (v: unknown) => unknown): void {
  const v = input[key];
  if (v === undefined) return;
  out[key] = v === null ? null : check(v);
}
const orDefault = <T>(v: unknown, check: (v: unknown) => T, fallback: T): T => (v === undefined ? fallback : check(v));

function customer(v: unknown): Obj {
  const c = obj(v);
  const out: Obj = { id: id(c.id), email: nonEmpty(c.email) };
  optional(out, c, 'name', str);
  out.tags = orDefault(c.tags, (t) => list(t, str), [] as string[]);
  optional(out, c, 'createdAt', instant);
  return out;
}

function lineItem(v: unknown): Obj {
  const li = obj(v);
  const out: Obj = { id: id(li.id) };
  optional(out, li, 'sku', str);
  optional(out, li, 'title', str);
  out.quantity = orDefault(li.quantity, count, 1);
  out.price = money(li.price);
  return out;
}

function order(v: unknown): Obj {
  const o = obj(v);
  const out: Obj = { id: id(o.id) };
  optional(out, o, 'customerId', id);
  out.createdAt = instant(o.createdAt);
  out.currency = orDefault(o.currency, (c) => (CURRENCY.test(str(c)) ? c : bail()), 'USD');
  out.totalPrice = money(o.totalPrice);
  out.refundedAmount = orDefault(o.refundedAmount, money, 0);
  out.financialStatus = orDefault(o.financialStatus, oneOf(FINANCIAL), 'paid');
  out.fulfillmentStatus = orDefault(o.fulfillmentStatus, oneOf(FULFILMENT), 'unfulfilled');
  optional(out, o, 'cancelledAt', instant);
  out.lineItems = orDefault(o.lineItems, (l) => list(l, lineItem), [] as Obj[]);
  return out;
}

function historyEntry(v: unknown): Obj {
  const h = obj(v);
  if (h.kind === 'action') {
    const out: Obj = { kind: 'action', type: oneOf(ACTION_SET)(h.type) };
    optional(out, h, 'customerId', id);
    optional(out, h, 'orderId', id);
    optional(out, h, 'amount', money);
    optional(out, h, 'reason', str);
    out.status = orDefault(h.status, str, 'executed');
    out.at = instant(h.at);
    return out;
  }
  if (h.kind === 'ticket') {
    const out: Obj = { kind: 'ticket' };
    optional(out, h, 'customerId', id);
    optional(out, h, 'intent', str);
    optional(out, h, 'reason', str);
    out.at = instant(h.at);
    return out;
  }
  return bail();
}

function riskSignal(v: unknown): Obj {
  const s = obj(v);
  const out: Obj = { customerId: id(s.customerId), source: orDefault(s.source, str, 'unknown'), level: oneOf(RISK_SET)(s.level) };
  optional(out, s, 'at', instant);
  optional(out, s, 'note', str);
  return out;
}

function ticket(v: unknown): Obj {
  const t = obj(v);
  const out: Obj = { id: id(t.id), channel: orDefault(t.channel, str, 'email'), from: orDefault(t.from, str, ''), subject: orDefault(t.subject, str, ''), body: str(t.body) };
  optional(out, t, 'receivedAt', instant);
  return out;
}

function action(v: unknown): Obj {
  const a = obj(v);
  let out: Obj;
  if (a.type === 'refund') out = { type: 'refund', orderId: id(a.orderId), amount: num(a.amount) > 0 ? a.amount : bail() };
  else if (a.type === 'cancel') out = { type: 'cancel', orderId: id(a.orderId) };
  else if (a.type === 'exchange') out = { type: 'exchange', orderId: id(a.orderId), lineItemId: id(a.lineItemId), newSku: nonEmpty(a.newSku) };
  else return bail();
  optional(out, a, 'reason', str);
  return out;
}

function model(v: unknown): Obj {
  const m = obj(v);
  const confidence = num(m.confidence);
  if (confidence < 0 || confidence > 1) bail();
  const actions = orDefault(m.actions, (x) => arr(x), [] as unknown[]);
  if (actions.length > 20) bail();
  const out: Obj = { intent: oneOf(INTENT_SET)(m.intent), confidence, actions: list(actions, action) };
  optional(out, m, 'reply', (r) => (str(r).length <= 20_000 ? r : bail()));
  return out;
}

function settings(v: unknown): Obj {
  const s = obj(v);
  // zod's record copies own keys; a "__proto__" key is left to zod
  if (Object.getPrototypeOf(s) !== Object.prototype || Object.hasOwn(s, '__proto__')) bail();
  return { ...s };
}

function scenario(v: unknown): Scenario {
  const s = obj(v);
  const out: Obj = {};
  optional(out, s, 'id', id);
  optional(out, s, 'now', instant);
  out.settings = orDefault(s.settings, settings, {});
  const store = orDefault(s.store, obj, {} as Obj);
  out.store = {
    customers: orDefault(store.customers, (c) => list(c, customer), [] as Obj[]),
    orders: orDefault(store.orders, (o) => list(o, order), [] as Obj[]),
  };
  out.history = orDefault(s.history, (h) => list(h, historyEntry), [] as Obj[]);
  out.riskSignals = orDefault(s.riskSignals, (r) => list(r, riskSignal), [] as Obj[]);
  out.ticket = ticket(s.ticket);
  optional(out, s, 'model', model);
  return out as unknown as Scenario;
}
