/** The fake store's data: plain records the peer serves in Shopify's GraphQL shapes. Amounts in major units. */

export interface PeerLineItem { id: number; sku: string | null; name: string; quantity: number; price: number }
export interface PeerPayment { id: number; gateway: string; amount: number }
export interface PeerRefund { id: number; note: string | null; amount: number; createdAt: string }
export interface PeerReturn { id: number; name: string; lines: { id: number; fulfillmentLineItemId: number; note: string }[]; exchangeVariantIds: number[] }
export interface PeerOrder {
  id: number;
  name: string;
  customerId: number | null;
  createdAt: string;
  cancelledAt: string | null;
  staffNote?: string | null;
  currency: string;
  fulfillment: 'UNFULFILLED' | 'PARTIALLY_FULFILLED' | 'FULFILLED';
  lineItems: PeerLineItem[];
  /** line item ids delivered (each becomes a fulfillment line item with id 9000 + line item id) */
  fulfilled: number[];
  payments: PeerPayment[];
  refunds: PeerRefund[];
  returns: PeerReturn[];
}
export interface PeerCustomer { id: number; email: string; name: string; tags: string[]; createdAt: string }
export interface PeerVariant { id: number; sku: string; availableForSale: boolean }
export interface PeerState { customers: PeerCustomer[]; orders: PeerOrder[]; variants: PeerVariant[] }

function order(partial: Partial<PeerOrder> & Pick<PeerOrder, 'id' | 'name' | 'lineItems'>): PeerOrder {
  const total = partial.lineItems.reduce((sum, li) => sum + li.price * li.quantity, 0);
  return {
    customerId: 7001,
    createdAt: '2026-03-01T10:00:00Z',
    cancelledAt: null,
    currency: 'USD',
    fulfillment: 'UNFULFILLED',
    fulfilled: [],
    payments: [{ id: partial.id * 10 + 1, gateway: 'shopify_payments', amount: Math.round(total * 100) / 100 }],
    refunds: [],
    returns: [],
    ...partial,
  };
}

/** A fresh copy every time: tests mutate it. */
export function shopifyFixtures(): PeerState {
  const manyItems: PeerLineItem[] = Array.from({ length: 120 }, (_, i) => ({
    id: 4000 + i, sku: `PIN-${i}`, name: `Enamel pin ${i}`, quantity: 1, price: 1,
  }));
  return {
    customers: [
      { id: 7001, email: 'jane@example.com', name: 'Jane Doe', tags: ['vip'], createdAt: '2025-01-05T09:00:00Z' },
      // a near miss: Shopify's search may return it for jane's address; the adapter must not
      { id: 7002, email: 'jane@example.com.evil.test', name: 'Not Jane', tags: [], createdAt: '2025-02-05T09:00:00Z' },
      { id: 7003, email: 'sam@example.org', name: 'Sam Roe', tags: [], createdAt: '2026-01-01T09:00:00Z' },
    ],
    orders: [
      order({
        id: 5001, name: '#1001', createdAt: '2026-03-01T10:00:00Z', fulfillment: 'FULFILLED', fulfilled: [3001, 3002],
        lineItems: [
          { id: 3001, sku: 'MUG-BLUE', name: 'Blue mug', quantity: 1, price: 24 },
          { id: 3002, sku: 'TEE-M', name: 'T-shirt M', quantity: 1, price: 10 },
        ],
      }),
      order({ id: 5002, name: '#1002', createdAt: '2026-03-05T10:00:00Z', lineItems: [{ id: 3003, sku: 'LAMP', name: 'Desk lamp', quantity: 1, price: 80 }] }),
      order({
        id: 5003, name: '#1003', createdAt: '2026-03-07T10:00:00Z',
        lineItems: [{ id: 3004, sku: 'KETTLE', name: 'Kettle', quantity: 1, price: 60 }],
        // paid in two payments: a gift card and a card
        payments: [{ id: 50031, gateway: 'gift_card', amount: 20 }, { id: 50032, gateway: 'shopify_payments', amount: 40 }],
        refunds: [{ id: 8001, note: 'scratched', amount: 15, createdAt: '2026-03-09T10:00:00Z' }],
      }),
      order({ id: 5004, name: '#1004', createdAt: '2026-03-09T10:00:00Z', lineItems: manyItems }),
      order({ id: 5005, name: '#1005', createdAt: '2026-03-11T10:00:00Z', currency: 'EUR', lineItems: [{ id: 3005, sku: 'BAG', name: 'Tote bag', quantity: 2, price: 12.5 }] }),
      order({ id: 5006, name: '#1006', createdAt: '2026-02-11T10:00:00Z', cancelledAt: '2026-02-12T10:00:00Z', lineItems: [{ id: 3006, sku: 'CAP', name: 'Cap', quantity: 1, price: 15 }] }),
      order({ id: 5101, name: '#2001', customerId: 7003, createdAt: '2026-03-02T10:00:00Z', lineItems: [{ id: 3101, sku: 'SOCKS', name: 'Socks', quantity: 3, price: 5 }] }),
    ],
    variants: [
      { id: 6001, sku: 'TEE-L', availableForSale: true },
      { id: 6002, sku: 'TEE-XL', availableForSale: false },
      { id: 6003, sku: 'TEE-L-OLD', availableForSale: true },
    ],
  };
}
