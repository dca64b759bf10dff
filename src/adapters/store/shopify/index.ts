import type { Customer, Order } from '../../../tickets/scenario.ts';
import type { StoreAdapter, StoreWriteResult } from '../types.ts';
import { ShopifyError, createShopifyClient, type ShopifyClient, type ShopifyClientOptions } from './client.ts';
import {
  type MoneySet, type ShopifyCustomer, type ShopifyLineItem, type ShopifyOrder,
  legacyId, money, moneyString, orderIdFromName, searchValue, toCustomer, toMinor, toOrder,
} from './map.ts';
import * as Q from './queries.ts';

export { ShopifyError, DEFAULT_API_VERSION, createShopifyClient } from './client.ts';
export type { ShopifyClientOptions, ShopifyErrorCode, ThrottleStatus } from './client.ts';

export interface ShopifyStoreOptions extends ShopifyClientOptions {
  /** orders per page when listing a customer's orders */
  pageSize?: number;
  /** stop listing after this many orders (newest first) */
  maxOrders?: number;
  /** let Shopify send its own refund / cancellation e-mail to the customer (default true) */
  notifyCustomer?: boolean;
}

export interface ShopifyStore extends StoreAdapter {
  readonly client: ShopifyClient;
}

const LINE_ITEMS_PAGE = 50;
// the marker must fit Shopify's 255-character returnReasonNote
const MAX_KEY_LENGTH = 200;

/** The marker we leave in a refund note, a cancel staff note or a return note: finds our own earlier write. */
export function idempotencyMarker(key: string): string {
  return `[gatehouse:${key}]`;
}

function refuse(message: string): never {
  throw new ShopifyError('refused', message);
}

function checkKey(key: string): void {
  if (typeof key !== 'string' || key.length === 0 || key.length > MAX_KEY_LENGTH) {
    throw new ShopifyError('invalid_config', `idempotency key must be 1-${MAX_KEY_LENGTH} characters`);
  }
}

/** Strip a leading `#`, so both `#1042` and `1042` find order #1042. */
function cleanOrderId(orderId: string | number): string {
  return String(orderId).trim().replace(/^#/, '');
}

/**
 * A StoreAdapter over the Shopify Admin GraphQL API.
 *
 * @example
 *   const store = createShopifyStore({ shop: 'acme', accessToken: token, apiVersion: '2026-01' });
 *   const order = await store.getOrder('1042');
 */
export function createShopifyStore(options: ShopifyStoreOptions): ShopifyStore {
  const client = createShopifyClient(options);
  const pageSize = Math.min(Math.max(options.pageSize ?? 50, 1), 250);
  const maxOrders = options.maxOrders ?? 250;
  const notify = options.notifyCustomer ?? true;
  const read = <T>(query: string, variables: Record<string, unknown>) => client.request<T>(query, variables, { retryable: true });

  /** Complete an order's line items when the first page did not hold them all. */
  async function allLineItems(node: ShopifyOrder): Promise<ShopifyLineItem[]> {
    const items = [...(node.lineItems?.nodes ?? [])];
    let page = node.lineItems?.pageInfo;
    while (page?.hasNextPage) {
      const data = await read<{ order: Pick<ShopifyOrder, 'lineItems'> | null }>(Q.ORDER_LINE_ITEMS, {
        id: node.id, lineItemsFirst: LINE_ITEMS_PAGE, lineItemsAfter: page.endCursor,
      });
      if (!data.order) break;
      items.push(...data.order.lineItems.nodes);
      page = data.order.lineItems.pageInfo;
    }
    return items;
  }

  async function findOrderNode(orderId: string | number): Promise<ShopifyOrder | null> {
    const wanted = cleanOrderId(orderId);
    if (!wanted) return null;
    const data = await read<{ orders: { nodes: ShopifyOrder[] } }>(Q.ORDER_BY_NAME, {
      query: `name:${searchValue(`#${wanted}`)}`, lineItemsFirst: LINE_ITEMS_PAGE, lineItemsAfter: null,
    });
    // Shopify's search is fuzzy on some fields: keep only the exact name.
    return data.orders.nodes.find((node) => orderIdFromName(node.name) === wanted) ?? null;
  }

  async function requireOrderGid(orderId: string | number): Promise<string> {
    const node = await findOrderNode(orderId);
    if (!node) throw new ShopifyError('not_found', `order ${cleanOrderId(orderId)} not found in the store`);
    return node.id;
  }

  async function findCustomerByEmail(email: string): Promise<Customer | null> {
    const wanted = email.trim().toLowerCase();
    if (!wanted) return null;
    const data = await read<{ customers: { nodes: ShopifyCustomer[] } }>(Q.FIND_CUSTOMER, { query: `email:${searchValue(wanted)}` });
    // Identity decides what a ticket may touch: only an exact address match counts.
    const node = data.customers.nodes.find((c) => c.defaultEmailAddress?.emailAddress?.trim().toLowerCase() === wanted);
    return node ? toCustomer(node, wanted) : null;
  }

  async function listOrders(customerId: string): Promise<Order[]> {
    const id = legacyId(String(customerId));
    if (!/^\d+$/.test(id)) return [];
    const orders: Order[] = [];
    let after: string | null = null;
    do {
      const data: { orders: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: ShopifyOrder[] } } = await read(
        Q.CUSTOMER_ORDERS,
        { query: `customer_id:${id}`, first: pageSize, after, lineItemsFirst: LINE_ITEMS_PAGE, lineItemsAfter: null },
      );
      for (const node of data.orders.nodes) {
        if (orders.length >= maxOrders) break;
        orders.push(toOrder(node, await allLineItems(node)));
      }
      after = data.orders.pageInfo.hasNextPage && orders.length < maxOrders ? data.orders.pageInfo.endCursor : null;
    } while (after);
    return orders;
  }

  async function getOrder(orderId: string): Promise<Order | null> {
    const node = await findOrderNode(orderId);
    return node ? toOrder(node, await allLineItems(node)) : null;
  }

  // ---------------------------------------------------------------- writes

  interface RefundContext {
    order: {
      id: string;
      name: string;
      presentmentCurrencyCode: string;
      refunds: { id: string; note: string | null; totalRefundedSet: MoneySet }[];
      suggestedRefund: {
        maximumRefundableSet: MoneySet;
        suggestedTransactions: {
          gateway: string | null;
          kind: string;
          parentTransaction: { id: string } | null;
          amountSet: MoneySet;
        }[];
      } | null;
    } | null;
  }

  async function refund(
    input: { orderId: string; amount: number; currency: string; reason?: string | null },
    idempotencyKey: string,
  ): Promise<StoreWriteResult> {
    checkKey(idempotencyKey);
    if (!(Number.isFinite(input.amount) && input.amount > 0)) refuse('refund amount must be a positive number');
    const orderGid = await requireOrderGid(input.orderId);
    const marker = idempotencyMarker(idempotencyKey);
    const currency = input.currency.toUpperCase();

    // Read at execution time: the store's own refundable amount, not what the ticket was decided on.
    const ctx = await read<RefundContext>(Q.REFUND_CONTEXT, { id: orderGid, amount: moneyString(input.amount, currency) });
    const order = ctx.order;
    if (!order) throw new ShopifyError('not_found', `order ${cleanOrderId(input.orderId)} not found in the store`);

    // Made already under this key (a retry after a lost response): report it, move nothing.
    const earlier = order.refunds.find((r) => r.note?.includes(marker));
    if (earlier) return { id: earlier.id, amount: money(earlier.totalRefundedSet) };

    if (order.presentmentCurrencyCode !== currency) {
      refuse(`order ${order.name} is in ${order.presentmentCurrencyCode}, the refund was asked in ${currency}`);
    }
    const refundable = money(order.suggestedRefund?.maximumRefundableSet);
    if (toMinor(input.amount, currency) > toMinor(refundable, currency)) {
      refuse(`refund of ${moneyString(input.amount, currency)} ${currency} exceeds the ${moneyString(refundable, currency)} ${currency} the store reports as refundable on order ${order.name}`);
    }
    const transactions = (order.suggestedRefund?.suggestedTransactions ?? [])
      .filter((t) => t.parentTransaction && money(t.amountSet) > 0)
      .map((t) => ({
        orderId: orderGid,
        parentId: t.parentTransaction!.id,
        gateway: t.gateway ?? '',
        kind: 'REFUND',
        amount: moneyString(money(t.amountSet), currency),
      }));
    const allocated = transactions.reduce((sum, t) => sum + toMinor(Number(t.amount), currency), 0);
    if (allocated !== toMinor(input.amount, currency)) {
      refuse(`the store could allocate only ${moneyString(allocated / 10 ** digitsOf(currency), currency)} ${currency} of the refund to its payments on order ${order.name}`);
    }

    const reason = (input.reason ?? '').slice(0, 200);
    const data = await client.request<{
      refundCreate: { refund: { id: string; totalRefundedSet: MoneySet } | null; userErrors: { field: string[] | null; message: string }[] };
    }>(
      Q.REFUND_CREATE,
      {
        input: { orderId: orderGid, currency, note: `${reason ? `${reason} ` : ''}${marker}`.trim(), notify, transactions },
        idempotencyKey,
      },
      // Safe to resend: Shopify deduplicates by the @idempotent key.
      { retryable: true },
    );
    const result = data.refundCreate;
    if (result.userErrors.length || !result.refund) {
      refuse(`Shopify refused the refund: ${result.userErrors.map((e) => e.message).join('; ') || 'no refund returned'}`);
    }
    return { id: result.refund.id, amount: money(result.refund.totalRefundedSet) };
  }

  interface CancelContext {
    order: {
      id: string;
      name: string;
      cancelledAt: string | null;
      displayFulfillmentStatus: string;
      presentmentCurrencyCode: string;
      totalPriceSet: MoneySet;
      totalRefundedSet: MoneySet;
    } | null;
  }

  async function cancel(input: { orderId: string; reason?: string | null }, idempotencyKey: string): Promise<StoreWriteResult> {
    checkKey(idempotencyKey);
    const orderGid = await requireOrderGid(input.orderId);
    const readContext = async () => {
      const ctx = await read<CancelContext>(Q.CANCEL_CONTEXT, { id: orderGid });
      if (!ctx.order) throw new ShopifyError('not_found', `order ${cleanOrderId(input.orderId)} not found in the store`);
      return ctx.order;
    };
    const order = await readContext();
    // Cancelling is idempotent by nature: an order already cancelled moves no more money.
    if (order.cancelledAt) return { id: order.id, amount: 0 };
    if (order.displayFulfillmentStatus === 'FULFILLED' || order.displayFulfillmentStatus === 'PARTIALLY_FULFILLED') {
      refuse(`order ${order.name} has shipped items (${order.displayFulfillmentStatus.toLowerCase()}); it needs a return, not a cancellation`);
    }
    const currency = order.presentmentCurrencyCode;
    const refundable = Math.max(toMinor(money(order.totalPriceSet), currency) - toMinor(money(order.totalRefundedSet), currency), 0);
    const reason = (input.reason ?? '').slice(0, 200);
    const data = await client.request<{
      orderCancel: { job: { id: string } | null; orderCancelUserErrors: { message: string; code: string | null }[] };
    }>(Q.ORDER_CANCEL, {
      orderId: orderGid, staffNote: `${reason ? `${reason} ` : ''}${idempotencyMarker(idempotencyKey)}`, notifyCustomer: notify,
    });
    const errors = data.orderCancel.orderCancelUserErrors;
    if (errors.length) {
      // A resend after a lost response lands here ("already cancelled"): the order state decides.
      if ((await readContext()).cancelledAt) return { id: order.id, amount: 0 };
      refuse(`Shopify refused the cancellation: ${errors.map((e) => e.message).join('; ')}`);
    }
    return { id: data.orderCancel.job?.id ?? order.id, amount: refundable / 10 ** digitsOf(currency) };
  }

  interface ExchangeContext {
    order: {
      id: string;
      name: string;
      cancelledAt: string | null;
      presentmentCurrencyCode: string;
      fulfillments: {
        fulfillmentLineItems: { nodes: { id: string; quantity: number; lineItem: { id: string; sku: string | null; originalUnitPriceSet: MoneySet } }[] };
      }[];
      returns: { nodes: { id: string; returnLineItems: { nodes: { returnReasonNote: string | null }[] } }[] };
    } | null;
  }

  async function exchange(input: { orderId: string; lineItemId: string; newSku: string }, idempotencyKey: string): Promise<StoreWriteResult> {
    checkKey(idempotencyKey);
    const orderGid = await requireOrderGid(input.orderId);
    const marker = idempotencyMarker(idempotencyKey);
    const ctx = await read<ExchangeContext>(Q.EXCHANGE_CONTEXT, { id: orderGid });
    const order = ctx.order;
    if (!order) throw new ShopifyError('not_found', `order ${cleanOrderId(input.orderId)} not found in the store`);
    const wantedLine = legacyId(String(input.lineItemId));
    const fulfilled = order.fulfillments.flatMap((f) => f.fulfillmentLineItems.nodes).find((n) => legacyId(n.lineItem.id) === wantedLine);
    const price = fulfilled ? money(fulfilled.lineItem.originalUnitPriceSet) : 0;

    const earlier = order.returns.nodes.find((r) => r.returnLineItems.nodes.some((l) => l.returnReasonNote?.includes(marker)));
    if (earlier) return { id: earlier.id, amount: price };

    if (order.cancelledAt) refuse(`order ${order.name} is cancelled`);
    if (!fulfilled) refuse(`line item ${wantedLine} of order ${order.name} has not been delivered, so it cannot be exchanged`);

    const variants = await read<{ productVariants: { nodes: { id: string; sku: string | null; availableForSale: boolean }[] } }>(
      Q.VARIANT_BY_SKU, { query: `sku:${searchValue(input.newSku)}` },
    );
    const matches = variants.productVariants.nodes.filter((v) => v.sku === input.newSku);
    if (matches.length !== 1) refuse(`SKU ${input.newSku} matches ${matches.length} product variants; exactly one is needed`);
    if (!matches[0].availableForSale) refuse(`SKU ${input.newSku} is not available for sale`);

    const data = await client.request<{
      returnCreate: { return: { id: string } | null; userErrors: { message: string }[] };
    }>(Q.RETURN_CREATE, {
      returnInput: {
        orderId: orderGid,
        returnLineItems: [{ fulfillmentLineItemId: fulfilled.id, quantity: 1, returnReasonNote: marker }],
        exchangeLineItems: [{ variantId: matches[0].id, quantity: 1 }],
      },
    });
    if (data.returnCreate.userErrors.length || !data.returnCreate.return) {
      refuse(`Shopify refused the exchange: ${data.returnCreate.userErrors.map((e) => e.message).join('; ') || 'no return created'}`);
    }
    return { id: data.returnCreate.return.id, amount: price };
  }

  return { name: 'shopify', client, findCustomerByEmail, listOrders, getOrder, refund, cancel, exchange };
}

function digitsOf(currency: string): number {
  return Math.round(Math.log10(toMinor(1, currency)));
}

