import { GraphQLError, getDirectiveValues, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import type { PeerOrder, PeerState } from './fixtures.ts';

/**
 * Resolvers for the fake Shopify store. graphql-js's default resolver reads a property or calls it
 * with (args, context, info), so each view is a plain object whose fields are values or functions.
 */

const cents = (value: number) => Math.round(value * 100);
const fromCents = (value: number) => value / 100;
const gid = (type: string, id: number) => `gid://shopify/${type}/${id}`;
const idOf = (value: string) => Number(String(value).slice(String(value).lastIndexOf('/') + 1));

function moneyBag(amount: number, currency: string) {
  const money = { amount: fromCents(cents(amount)).toFixed(2), currencyCode: currency };
  return { shopMoney: money, presentmentMoney: money };
}

function connection<T>(items: T[], first = 50, after?: string | null) {
  const start = after ? Number(Buffer.from(after, 'base64').toString()) + 1 : 0;
  const page = items.slice(start, start + first);
  const end = start + page.length - 1;
  return {
    nodes: page,
    pageInfo: {
      hasNextPage: end < items.length - 1,
      hasPreviousPage: start > 0,
      startCursor: page.length ? Buffer.from(String(start)).toString('base64') : null,
      endCursor: page.length ? Buffer.from(String(end)).toString('base64') : null,
    },
  };
}

/** `email:"jane@example.com"` → { field: 'email', value: 'jane@example.com' } */
function parseSearch(query: string | null | undefined): { field: string; value: string } | null {
  const match = /^(\w+):(?:"((?:[^"\\]|\\.)*)"|(\S+))$/.exec((query ?? '').trim());
  if (!match) return null;
  return { field: match[1], value: (match[2] ?? match[3]).replace(/\\(.)/g, '$1') };
}

export const orderTotal = (o: PeerOrder) => fromCents(o.lineItems.reduce((s, li) => s + cents(li.price) * li.quantity, 0));
export const orderRefunded = (o: PeerOrder) => fromCents(o.refunds.reduce((s, r) => s + cents(r.amount), 0));


/** What is left on each payment after earlier refunds (refunds drain payments in order). */
function remainingPerPayment(o: PeerOrder) {
  let refunded = cents(orderRefunded(o));
  return o.payments.map((p) => {
    const used = Math.min(refunded, cents(p.amount));
    refunded -= used;
    return { payment: p, remaining: cents(p.amount) - used };
  });
}

export interface PeerContext {
  state: PeerState;
  schema: GraphQLSchema;
  idempotency: Map<string, { params: string; refundId: number }>;
  nextId: () => number;
}

function customerView(state: PeerState, id: number | null) {
  const c = state.customers.find((x) => x.id === id);
  if (!c) return null;
  return {
    id: gid('Customer', c.id), legacyResourceId: String(c.id), displayName: c.name, tags: c.tags, createdAt: c.createdAt,
    defaultEmailAddress: { emailAddress: c.email },
  };
}

function lineItemView(o: PeerOrder, li: PeerOrder['lineItems'][number]) {
  return { id: gid('LineItem', li.id), sku: li.sku, name: li.name, quantity: li.quantity, originalUnitPriceSet: moneyBag(li.price, o.currency) };
}

function refundView(o: PeerOrder, r: PeerOrder['refunds'][number]) {
  return { id: gid('Refund', r.id), note: r.note, createdAt: r.createdAt, totalRefundedSet: moneyBag(r.amount, o.currency) };
}

function orderView(state: PeerState, o: PeerOrder) {
  const total = orderTotal(o);
  const refunded = orderRefunded(o);
  return {
    id: gid('Order', o.id),
    legacyResourceId: String(o.id),
    name: o.name,
    createdAt: o.createdAt,
    cancelledAt: o.cancelledAt,
    currencyCode: o.currency,
    presentmentCurrencyCode: o.currency,
    displayFinancialStatus: refunded <= 0 ? 'PAID' : cents(refunded) >= cents(total) ? 'REFUNDED' : 'PARTIALLY_REFUNDED',
    displayFulfillmentStatus: o.fulfillment,
    customer: () => customerView(state, o.customerId),
    totalPriceSet: moneyBag(total, o.currency),
    totalRefundedSet: moneyBag(refunded, o.currency),
    lineItems: ({ first, after }: { first?: number; after?: string }) => connection(o.lineItems.map((li) => lineItemView(o, li)), first, after),
    refunds: () => o.refunds.map((r) => refundView(o, r)),
    transactions: () => o.payments.map((p) => ({ id: gid('OrderTransaction', p.id), kind: 'SALE', gateway: p.gateway, amountSet: moneyBag(p.amount, o.currency) })),
    suggestedRefund: ({ refundAmount }: { refundAmount?: string }) => {
      const remaining = remainingPerPayment(o);
      const max = remaining.reduce((s, r) => s + r.remaining, 0);
      let want = Math.min(cents(Number(refundAmount ?? 0)), max);
      const suggestedTransactions = remaining
        .filter((r) => r.remaining > 0)
        .map((r) => {
          const take = Math.min(want, r.remaining);
          want -= take;
          return {
            gateway: r.payment.gateway, kind: 'SUGGESTED_REFUND',
            parentTransaction: { id: gid('OrderTransaction', r.payment.id), kind: 'SALE', gateway: r.payment.gateway, amountSet: moneyBag(r.payment.amount, o.currency) },
            amountSet: moneyBag(fromCents(take), o.currency), maximumRefundableSet: moneyBag(fromCents(r.remaining), o.currency),
          };
        })
        .filter((t) => Number(t.amountSet.presentmentMoney.amount) > 0);
      return {
        amountSet: moneyBag(suggestedTransactions.reduce((s, t) => s + Number(t.amountSet.presentmentMoney.amount), 0), o.currency),
        maximumRefundableSet: moneyBag(fromCents(max), o.currency),
        suggestedTransactions,
      };
    },
    fulfillments: () => o.fulfilled.length
      ? [{
          id: gid('Fulfillment', o.id),
          fulfillmentLineItems: () => ({
            nodes: o.lineItems.filter((li) => o.fulfilled.includes(li.id)).map((li) => ({ id: gid('FulfillmentLineItem', 9000 + li.id), quantity: li.quantity, lineItem: lineItemView(o, li) })),
            pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
          }),
        }]
      : [],
    returns: ({ first, after }: { first?: number; after?: string }) => connection(
      o.returns.map((r) => ({
        id: gid('Return', r.id), name: r.name,
        returnLineItems: () => connection(r.lines.map((l) => ({ id: gid('ReturnLineItem', l.id), quantity: 1, returnReasonNote: l.note }))),
      })),
      first, after,
    ),
  };
}

function findOrder(state: PeerState, orderGid: string) {
  return state.orders.find((o) => o.id === idOf(orderGid)) ?? null;
}

export function createRoot(ctx: PeerContext) {
  const { state } = ctx;
  return {
    customers: ({ first, after, query }: { first?: number; after?: string; query?: string }) => {
      const search = parseSearch(query);
      // Like Shopify's search, `email:` matches on a prefix here, so near misses come back too.
      const matches = state.customers.filter((c) => !search || (search.field === 'email' && c.email.toLowerCase().startsWith(search.value.toLowerCase())));
      return connection(matches.map((c) => customerView(state, c.id)), first, after);
    },
    orders: ({ first, after, query }: { first?: number; after?: string; query?: string }) => {
      const search = parseSearch(query);
      let matches = [...state.orders].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      if (search?.field === 'customer_id') matches = matches.filter((o) => String(o.customerId) === search.value);
      else if (search?.field === 'name') matches = matches.filter((o) => o.name === search.value || o.name === `#${search.value}`);
      else if (search) matches = [];
      return connection(matches.map((o) => orderView(state, o)), first, after);
    },
    order: ({ id }: { id: string }) => {
      const o = findOrder(state, id);
      return o ? orderView(state, o) : null;
    },
    productVariants: ({ first, query }: { first?: number; query?: string }) => {
      const search = parseSearch(query);
      // prefix match, as a fuzzy store search would: TEE-L also finds TEE-L-OLD
      return connection(state.variants.filter((v) => search?.field === 'sku' && v.sku.startsWith(search.value))
        .map((v) => ({ id: gid('ProductVariant', v.id), sku: v.sku, availableForSale: v.availableForSale })), first);
    },

    refundCreate: (args: { input: RefundInput }, _context: unknown, info: GraphQLResolveInfo) => refundCreate(ctx, args.input, info),
    orderCancel: (args: { orderId: string; staffNote?: string }) => {
      const o = findOrder(state, args.orderId);
      if (!o) return { job: null, orderCancelUserErrors: [{ field: ['orderId'], message: 'Order does not exist', code: 'INVALID' }] };
      if (o.cancelledAt) return { job: null, orderCancelUserErrors: [{ field: ['orderId'], message: 'Cannot cancel an order that has already been canceled', code: 'INVALID' }] };
      o.cancelledAt = '2026-03-20T12:00:00Z';
      o.staffNote = args.staffNote ?? null;
      const left = cents(orderTotal(o)) - cents(orderRefunded(o));
      if (left > 0) o.refunds.push({ id: ctx.nextId(), note: 'cancellation', amount: fromCents(left), createdAt: o.cancelledAt });
      return { job: { id: gid('Job', ctx.nextId()), done: false }, orderCancelUserErrors: [] };
    },
    returnCreate: ({ returnInput }: { returnInput: ReturnInput }) => {
      const o = findOrder(state, returnInput.orderId);
      if (!o) return { return: null, userErrors: [{ field: ['orderId'], message: 'Order does not exist', code: 'NOT_FOUND' }] };
      if (returnInput.returnLineItems.some((l) => (l.returnReasonNote ?? '').length > 255)) {
        return { return: null, userErrors: [{ field: ['returnLineItems', '0', 'returnReasonNote'], message: 'Return reason note is too long (maximum is 255 characters)', code: 'TOO_LONG' }] };
      }
      const lines = returnInput.returnLineItems.map((l) => {
        const fulfilledId = idOf(l.fulfillmentLineItemId) - 9000;
        if (!o.fulfilled.includes(fulfilledId)) throw new GraphQLError('Fulfillment line item does not exist', { extensions: { code: 'NOT_FOUND' } });
        return { id: ctx.nextId(), fulfillmentLineItemId: idOf(l.fulfillmentLineItemId), note: l.returnReasonNote ?? '' };
      });
      const created = { id: ctx.nextId(), name: `${o.name}-R${o.returns.length + 1}`, lines, exchangeVariantIds: (returnInput.exchangeLineItems ?? []).map((e) => idOf(e.variantId)) };
      o.returns.push(created);
      return { return: { id: gid('Return', created.id), name: created.name, returnLineItems: () => connection([]) }, userErrors: [] };
    },
  };
}

interface RefundInput { orderId: string; currency?: string; note?: string; notify?: boolean; transactions?: { amount: string; gateway: string; kind: string; orderId: string; parentId?: string }[] }
interface ReturnInput { orderId: string; returnLineItems: { fulfillmentLineItemId: string; quantity: number; returnReasonNote?: string }[]; exchangeLineItems?: { variantId: string; quantity: number }[] }

function refundCreate(ctx: PeerContext, input: RefundInput, info: GraphQLResolveInfo) {
  const directive = ctx.schema.getDirective('idempotent')!;
  const key = getDirectiveValues(directive, info.fieldNodes[0], info.variableValues)?.key as string | undefined;
  // Mandatory from 2026-04; we enforce it on every version so the adapter can never forget it.
  if (!key) throw new GraphQLError('The @idempotent directive is required for this mutation', { extensions: { code: 'BAD_REQUEST' } });
  const params = JSON.stringify(input);
  const o = findOrder(ctx.state, input.orderId);
  const seen = ctx.idempotency.get(key);
  if (seen) {
    if (seen.params !== params) {
      throw new GraphQLError('The same idempotency key cannot be used with different operation parameters.', { extensions: { code: 'IDEMPOTENCY_KEY_PARAMETER_MISMATCH' } });
    }
    const r = o?.refunds.find((x) => x.id === seen.refundId);
    return { refund: o && r ? refundView(o, r) : null, order: null, userErrors: [] };
  }
  if (!o) return { refund: null, order: null, userErrors: [{ field: ['orderId'], message: 'Order does not exist' }] };
  const remaining = remainingPerPayment(o);
  const asked = (input.transactions ?? []).reduce((s, t) => s + cents(Number(t.amount)), 0);
  const available = remaining.reduce((s, r) => s + r.remaining, 0);
  if (asked <= 0) return { refund: null, order: null, userErrors: [{ field: ['transactions'], message: 'Refund must have a positive amount' }] };
  if (asked > available) {
    return { refund: null, order: null, userErrors: [{ field: ['transactions', '0', 'amount'], message: `Amount cannot be greater than the refundable amount of ${fromCents(available).toFixed(2)}` }] };
  }
  if (input.currency && input.currency !== o.currency) return { refund: null, order: null, userErrors: [{ field: ['currency'], message: 'Currency must match the presentment currency' }] };
  const refund = { id: ctx.nextId(), note: input.note ?? null, amount: fromCents(asked), createdAt: '2026-03-20T12:00:00Z' };
  o.refunds.push(refund);
  ctx.idempotency.set(key, { params, refundId: refund.id });
  return { refund: refundView(o, refund), order: null, userErrors: [] };
}


