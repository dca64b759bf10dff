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

// Each field is read and stored by name (one shape per object kind, no keyed stores), and each
// checker is built once, not per call: this runs once per replay line.
/** A present field's value: null when null, else checked. */
const nullable = <T>(v: unknown, check: (v: unknown) => T): T | null => (v === null ? null : check(v));
const orDefault = <T>(v: unknown, check: (v: unknown) => T, fallback: T): T => (v === undefined ? fallback : check(v));

const strings = (v: unknown): string[] => list(v, str);
const currency = (c: unknown): string => (CURRENCY.test(str(c)) ? (c as string) : bail());
const financial = oneOf(FINANCIAL);
const fulfilment = oneOf(FULFILMENT);
const actionType = oneOf(ACTION_SET);
const riskLevel = oneOf(RISK_SET);
const intent = oneOf(INTENT_SET);
const reply = (r: unknown): string => (str(r).length <= 20_000 ? (r as string) : bail());

function customer(v: unknown): Obj {
  const c = obj(v);
  const out: Obj = { id: id(c.id), email: nonEmpty(c.email) };
  if (c.name !== undefined) out.name = nullable(c.name, str);
  out.tags = orDefault(c.tags, strings, [] as string[]);
  if (c.createdAt !== undefined) out.createdAt = nullable(c.createdAt, instant);
  return out;
}
const customers = (v: unknown): Obj[] => list(v, customer);

function lineItem(v: unknown): Obj {
  const li = obj(v);
  const out: Obj = { id: id(li.id) };
  if (li.sku !== undefined) out.sku = nullable(li.sku, str);
  if (li.title !== undefined) out.title = nullable(li.title, str);
  out.quantity = orDefault(li.quantity, count, 1);
  out.price = money(li.price);
  return out;
}
const lineItems = (v: unknown): Obj[] => list(v, lineItem);

function order(v: unknown): Obj {
  const o = obj(v);
  const out: Obj = { id: id(o.id) };
  if (o.customerId !== undefined) out.customerId = nullable(o.customerId, id);
  out.createdAt = instant(o.createdAt);
  out.currency = orDefault(o.currency, currency, 'USD');
  out.totalPrice = money(o.totalPrice);
  out.refundedAmount = orDefault(o.refundedAmount, money, 0);
  out.financialStatus = orDefault(o.financialStatus, financial, 'paid');
  out.fulfillmentStatus = orDefault(o.fulfillmentStatus, fulfilment, 'unfulfilled');
  if (o.cancelledAt !== undefined) out.cancelledAt = nullable(o.cancelledAt, instant);
  out.lineItems = orDefault(o.lineItems, lineItems, [] as Obj[]);
  return out;
}
const orders = (v: unknown): Obj[] => list(v, order);

function historyEntry(v: unknown): Obj {
  const h = obj(v);
  if (h.kind === 'action') {
    const out: Obj = { kind: 'action', type: actionType(h.type) };
    if (h.customerId !== undefined) out.customerId = nullable(h.customerId, id);
    if (h.orderId !== undefined) out.orderId = nullable(h.orderId, id);
    if (h.amount !== undefined) out.amount = nullable(h.amount, money);
    if (h.reason !== undefined) out.reason = nullable(h.reason, str);
    out.status = orDefault(h.status, str, 'executed');
    out.at = instant(h.at);
    return out;
  }
  if (h.kind === 'ticket') {
    const out: Obj = { kind: 'ticket' };
    if (h.customerId !== undefined) out.customerId = nullable(h.customerId, id);
    if (h.intent !== undefined) out.intent = nullable(h.intent, str);
    if (h.reason !== undefined) out.reason = nullable(h.reason, str);
    out.at = instant(h.at);
    return out;
  }
  return bail();
}
const historyEntries = (v: unknown): Obj[] => list(v, historyEntry);

function riskSignal(v: unknown): Obj {
  const s = obj(v);
  const out: Obj = { customerId: id(s.customerId), source: orDefault(s.source, str, 'unknown'), level: riskLevel(s.level) };
  if (s.at !== undefined) out.at = nullable(s.at, instant);
  if (s.note !== undefined) out.note = nullable(s.note, str);
  return out;
}
const riskSignals = (v: unknown): Obj[] => list(v, riskSignal);

function ticket(v: unknown): Obj {
  const t = obj(v);
  const out: Obj = { id: id(t.id), channel: orDefault(t.channel, str, 'email'), from: orDefault(t.from, str, ''), subject: orDefault(t.subject, str, ''), body: str(t.body) };
  if (t.receivedAt !== undefined) out.receivedAt = nullable(t.receivedAt, instant);
  return out;
}

function action(v: unknown): Obj {
  const a = obj(v);
  let out: Obj;
  if (a.type === 'refund') out = { type: 'refund', orderId: id(a.orderId), amount: num(a.amount) > 0 ? a.amount : bail() };
  else if (a.type === 'cancel') out = { type: 'cancel', orderId: id(a.orderId) };
  else if (a.type === 'exchange') out = { type: 'exchange', orderId: id(a.orderId), lineItemId: id(a.lineItemId), newSku: nonEmpty(a.newSku) };
  else return bail();
  if (a.reason !== undefined) out.reason = nullable(a.reason, str);
  return out;
}

function model(v: unknown): Obj {
  const m = obj(v);
  const confidence = num(m.confidence);
  if (confidence < 0 || confidence > 1) bail();
  const actions = orDefault(m.actions, arr, [] as unknown[]);
  if (actions.length > 20) bail();
  const out: Obj = { intent: intent(m.intent), confidence, actions: list(actions, action) };
  if (m.reply !== undefined) out.reply = nullable(m.reply, reply);
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
  if (s.id !== undefined) out.id = nullable(s.id, id);
  if (s.now !== undefined) out.now = nullable(s.now, instant);
  out.settings = orDefault(s.settings, settings, {});
  const store = orDefault(s.store, obj, {} as Obj);
  out.store = {
    customers: orDefault(store.customers, customers, [] as Obj[]),
    orders: orDefault(store.orders, orders, [] as Obj[]),
  };
  out.history = orDefault(s.history, historyEntries, [] as Obj[]);
  out.riskSignals = orDefault(s.riskSignals, riskSignals, [] as Obj[]);
  out.ticket = ticket(s.ticket);
  if (s.model !== undefined) out.model = nullable(s.model, model);
  return out as unknown as Scenario;
}
