/**
 * The GraphQL documents this adapter sends (Admin API 2026-01). Amounts are read in the
 * presentment currency: what the customer paid and what a refund must be expressed in.
 */

const MONEY = 'presentmentMoney { amount currencyCode }';

export const ORDER_FIELDS = `
  id
  legacyResourceId
  name
  createdAt
  cancelledAt
  presentmentCurrencyCode
  displayFinancialStatus
  displayFulfillmentStatus
  customer { id legacyResourceId }
  totalPriceSet { ${MONEY} }
  totalRefundedSet { ${MONEY} }
`;

export const LINE_ITEMS = `
  lineItems(first: $lineItemsFirst, after: $lineItemsAfter) {
    pageInfo { hasNextPage endCursor }
    nodes { id sku name quantity originalUnitPriceSet { ${MONEY} } }
  }
`;

export const FIND_CUSTOMER = `query FindCustomer($query: String!) {
  customers(first: 5, query: $query) {
    nodes { id legacyResourceId displayName tags createdAt defaultEmailAddress { emailAddress } }
  }
}`;

export const CUSTOMER_ORDERS = `query CustomerOrders($query: String!, $first: Int!, $after: String, $lineItemsFirst: Int!, $lineItemsAfter: String) {
  orders(first: $first, after: $after, query: $query, sortKey: CREATED_AT, reverse: true) {
    pageInfo { hasNextPage endCursor }
    nodes { ${ORDER_FIELDS} ${LINE_ITEMS} }
  }
}`;

/** Look an order up by its name (`#1042`), the number customers quote. */
export const ORDER_BY_NAME = `query OrderByName($query: String!, $lineItemsFirst: Int!, $lineItemsAfter: String) {
  orders(first: 5, query: $query) {
    nodes { ${ORDER_FIELDS} ${LINE_ITEMS} }
  }
}`;

/** One more page of an order's line items. */
export const ORDER_LINE_ITEMS = `query OrderLineItems($id: ID!, $lineItemsFirst: Int!, $lineItemsAfter: String) {
  order(id: $id) { id ${LINE_ITEMS} }
}`;

/**
 * What a refund needs, read at execution time: the store's own maximum refundable amount, the
 * transactions it suggests refunding against, and the refunds already made (to find one made
 * earlier with the same idempotency key, marked in its note).
 */
export const REFUND_CONTEXT = `query RefundContext($id: ID!, $amount: Money!) {
  order(id: $id) {
    id
    name
    cancelledAt
    presentmentCurrencyCode
    totalRefundedSet { ${MONEY} }
    refunds(first: 100) { id note createdAt totalRefundedSet { ${MONEY} } }
    suggestedRefund(refundAmount: $amount, suggestFullRefund: false) {
      maximumRefundableSet { ${MONEY} }
      suggestedTransactions {
        gateway
        kind
        parentTransaction { id }
        amountSet { ${MONEY} }
        maximumRefundableSet { ${MONEY} }
      }
    }
  }
}`;

/** Shopify deduplicates by the `@idempotent` key (2026-01+); the note carries it too, for our own look-up. */
export const REFUND_CREATE = `mutation RefundCreate($input: RefundInput!, $idempotencyKey: String!) {
  refundCreate(input: $input) @idempotent(key: $idempotencyKey) {
    refund { id note totalRefundedSet { ${MONEY} } }
    userErrors { field message }
  }
}`;

export const CANCEL_CONTEXT = `query CancelContext($id: ID!) {
  order(id: $id) {
    id
    name
    cancelledAt
    displayFulfillmentStatus
    presentmentCurrencyCode
    totalPriceSet { ${MONEY} }
    totalRefundedSet { ${MONEY} }
  }
}`;

export const ORDER_CANCEL = `mutation OrderCancel($orderId: ID!, $staffNote: String, $notifyCustomer: Boolean) {
  orderCancel(
    orderId: $orderId
    reason: CUSTOMER
    refundMethod: { originalPaymentMethodsRefund: true }
    restock: true
    notifyCustomer: $notifyCustomer
    staffNote: $staffNote
  ) {
    job { id done }
    orderCancelUserErrors { field message code }
  }
}`;

/** For an exchange: fulfilled quantities per line item, and returns already opened (our marker in the note). */
export const EXCHANGE_CONTEXT = `query ExchangeContext($id: ID!) {
  order(id: $id) {
    id
    name
    cancelledAt
    presentmentCurrencyCode
    fulfillments(first: 20) {
      fulfillmentLineItems(first: 100) {
        nodes { id quantity lineItem { id sku originalUnitPriceSet { ${MONEY} } } }
      }
    }
    returns(first: 50) {
      nodes { id name returnLineItems(first: 50) { nodes { id returnReasonNote } } }
    }
  }
}`;

export const VARIANT_BY_SKU = `query VariantBySku($query: String!) {
  productVariants(first: 5, query: $query) { nodes { id sku availableForSale } }
}`;

export const RETURN_CREATE = `mutation ReturnCreate($returnInput: ReturnInput!) {
  returnCreate(returnInput: $returnInput) {
    return { id name }
    userErrors { field message code }
  }
}`;
