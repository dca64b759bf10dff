import { customerSchema, orderSchema, type Customer, type Order } from '../../../tickets/scenario.ts';

/** Shapes as the Admin API returns them (only the fields we ask for). */
export interface MoneySet {
  presentmentMoney: { amount: string; currencyCode: string };
}
export interface ShopifyLineItem {
  id: string;
  sku: string | null;
  name: string | null;
  quantity: number;
  originalUnitPriceSet: MoneySet;
}
export interface ShopifyOrder {
  id: string;
  legacyResourceId?: string;
  name: string;
  createdAt: string;
  cancelledAt: string | null;
  presentmentCurrencyCode: string;
  displayFinancialStatus: string | null;
  displayFulfillmentStatus: string;
  customer: { id: string; legacyResourceId?: string } | null;
  totalPriceSet: MoneySet;
  totalRefundedSet: MoneySet;
  lineItems: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: ShopifyLineItem[] };
}
export interface ShopifyCustomer {
  id: string;
  legacyResourceId?: string;
  displayName: string | null;
  tags: string[];
  createdAt: string | null;
  defaultEmailAddress: { emailAddress: string | null } | null;
}

/** `gid://shopify/Order/5678` → `5678` */
export function legacyId(gid: string): string {
  return gid.slice(gid.lastIndexOf('/') + 1);
}
export function gid(type: string, id: string): string {
  return id.startsWith('gid://') ? id : `gid://shopify/${type}/${id}`;
}

/** Order names are what customers quote (`#1042`); our order id is the name without the `#`. */
export function orderIdFromName(name: string): string {
  return name.replace(/^#/, '');
}

export function money(set: MoneySet | null | undefined): number {
  const value = Number(set?.presentmentMoney?.amount ?? 0);
  return Number.isFinite(value) ? value : 0;
}

/** Shopify's financial statuses folded onto ours; anything not yet paid reads as pending. */
const FINANCIAL: Record<string, Order['financialStatus']> = {
  PAID: 'paid',
  PARTIALLY_PAID: 'paid',
  PARTIALLY_REFUNDED: 'partially_refunded',
  REFUNDED: 'refunded',
  PENDING: 'pending',
  AUTHORIZED: 'pending',
  EXPIRED: 'pending',
  VOIDED: 'pending',
};

const FULFILMENT: Record<string, Order['fulfillmentStatus']> = {
  FULFILLED: 'fulfilled',
  PARTIALLY_FULFILLED: 'partial',
  // Shipped back to stock or still to ship: nothing is with the customer.
  UNFULFILLED: 'unfulfilled',
  RESTOCKED: 'unfulfilled',
  PENDING_FULFILLMENT: 'unfulfilled',
  OPEN: 'unfulfilled',
  IN_PROGRESS: 'partial',
  ON_HOLD: 'unfulfilled',
  SCHEDULED: 'unfulfilled',
  REQUEST_DECLINED: 'unfulfilled',
};

export function toOrder(node: ShopifyOrder, lineItems: ShopifyLineItem[] = node.lineItems?.nodes ?? []): Order {
  return orderSchema.parse({
    id: orderIdFromName(node.name),
    customerId: node.customer ? node.customer.legacyResourceId ?? legacyId(node.customer.id) : null,
    createdAt: node.createdAt,
    currency: node.presentmentCurrencyCode,
    totalPrice: money(node.totalPriceSet),
    refundedAmount: money(node.totalRefundedSet),
    financialStatus: FINANCIAL[node.displayFinancialStatus ?? ''] ?? 'pending',
    fulfillmentStatus: FULFILMENT[node.displayFulfillmentStatus] ?? 'unfulfilled',
    cancelledAt: node.cancelledAt,
    lineItems: lineItems.map((item) => ({
      id: legacyId(item.id),
      sku: item.sku,
      title: item.name,
      quantity: item.quantity,
      price: money(item.originalUnitPriceSet),
    })),
  });
}

export function toCustomer(node: ShopifyCustomer, email: string): Customer {
  return customerSchema.parse({
    id: node.legacyResourceId ?? legacyId(node.id),
    email: node.defaultEmailAddress?.emailAddress ?? email,
    name: node.displayName,
    tags: node.tags ?? [],
    createdAt: node.createdAt,
  });
}

/** Shopify search syntax: quote a value so spaces, colons and quotes stay inside it. */
export function searchValue(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Digits after the decimal point for a currency (JPY 0, USD 2, KWD 3). */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** An amount in the currency's minor unit, as an integer: money is compared there, never as floats. */
export function toMinor(value: number, currency: string): number {
  return Math.round(value * 10 ** currencyDigits(currency));
}

/** The decimal string Shopify's Money scalar expects. */
export function moneyString(value: number, currency: string): string {
  return value.toFixed(currencyDigits(currency));
}
