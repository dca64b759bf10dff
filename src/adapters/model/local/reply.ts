// The reply a careful agent drafts: greeting by first name, the order number and its state, what
// is being done; no promises of timing, no personal data but the first name, no price but the
// refund amount. The output guardrails still check it like any model's text.
import type { Customer, Order } from '../../../tickets/scenario.ts';
import type { Situation, RefundReason } from './actions.ts';

export const SIGNATURE = 'Customer Support';

/** The first name, only when it looks like one (letters, apostrophes, hyphens). */
export function firstName(customer: Customer | null): string | null {
  const first = customer?.name?.trim().split(/\s+/)[0] ?? '';
  return /^\p{L}[\p{L}'’-]{0,39}$/u.test(first) ? first : null;
}

const money = (amount: number, currency: string) => `${amount.toFixed(2)} ${currency}`;

function orderState(order: Order): string {
  if (order.cancelledAt) return `Order #${order.id} has been cancelled.`;
  switch (order.fulfillmentStatus) {
    case 'fulfilled': return `Our records show that order #${order.id} has shipped.`;
    case 'partial': return `Our records show that part of order #${order.id} has shipped and the rest has not yet.`;
    default: return `Our records show that order #${order.id} has not shipped yet.`;
  }
}

function shortState(order: Order): string {
  if (order.cancelledAt) return 'cancelled';
  return { fulfilled: 'shipped', partial: 'partly shipped', unfulfilled: 'not shipped yet' }[order.fulfillmentStatus];
}

const SORRY: Record<RefundReason, string> = {
  damaged: "I'm very sorry that your order arrived damaged.",
  wrong_item: "I'm sorry that you received the wrong item.",
  not_received: "I'm sorry that your order has not reached you.",
  changed_mind: 'Thank you for letting us know.',
  customer_request: 'Thank you for letting us know.',
};

function body(s: Situation): string[] {
  switch (s.kind) {
    case 'no_reply': return [];
    case 'handover':
      return s.intent === 'human_request'
        ? ['Thank you for your message. I have passed it to a member of our team, who will get back to you personally.']
        : ['Thank you for your question. I have passed it to a member of our team, who will get back to you.'];
    case 'no_customer':
      return ['Thank you for your message. I could not find an account for the email address you wrote from.',
        'Could you write to us from the email address you used when ordering, and include your order number (for example #1234)?'];
    case 'no_order_ref':
      return ['Thank you for your message. Could you send me your order number (for example #1234)?',
        'I will look into it once I have it.'];
    case 'ambiguous_order':
      return [`Your message mentions more than one order (${s.ids.map((id) => `#${id}`).join(', ')}).`,
        'Could you tell me which order this is about, so I look at the right one?'];
    case 'order_not_found':
      return [`I could not find order #${s.id} on the account you wrote from.`,
        'Could you check the order number, or write to us from the email address you used when ordering?'];
    case 'status':
      return [`Thank you for asking about order #${s.order.id}.`, orderState(s.order),
        'If anything about it is not right, just reply to this message and we will look into it.'];
    case 'refund':
      return [SORRY[s.reason],
        `I have requested a refund of ${money(s.amount, s.order.currency)} for order #${s.order.id} (${shortState(s.order)}), to your original payment method.`];
    case 'nothing_to_refund':
      return s.why === 'refunded'
        ? [`Order #${s.order.id} has already been refunded in full, so there is nothing left to refund.`,
          'If something is still wrong, just reply to this message and a member of our team will look into it.']
        : [`Our records show that payment for order #${s.order.id} has not been completed, so there is nothing to refund.`,
          'A member of our team will look into it if you reply to this message.'];
    case 'cancel':
      return [`Thank you for letting us know. Order #${s.order.id} has not shipped yet, so I have requested its cancellation.`,
        'Any payment taken for it will be refunded to your original payment method.'];
    case 'cannot_cancel':
      if (s.why === 'cancelled') return [`Order #${s.order.id} is already cancelled, so there is nothing more to do.`];
      if (s.why === 'partial') {
        return [`Part of order #${s.order.id} has already shipped, so I cannot cancel the order as a whole.`,
          'I have passed your request to a member of our team, who will look at cancelling the rest.'];
      }
      return [`Order #${s.order.id} has already shipped, so it can no longer be cancelled.`,
        'Once it arrives, reply to this message and we will help you with a return.'];
    case 'exchange':
      return s.newSku === s.item.sku
        ? ["I'm sorry about the trouble with your item.", `I have requested a replacement ${s.item.title ?? 'item'} for order #${s.order.id}.`]
        : [`Thank you for letting us know about order #${s.order.id}.`,
          `I have requested an exchange of the ${s.item.title ?? 'item'} on that order for ${s.change ? `${s.change} (${s.newSku})` : s.newSku}.`];
    case 'exchange_not_shipped':
      return [orderState(s.order), 'There is nothing to exchange yet. If you would like a different size or colour, reply to this message and a member of our team will help.'];
    case 'exchange_needs_detail':
      return s.missing === 'item'
        ? [`Thank you for asking about an exchange on order #${s.order.id}.`, 'Could you tell me which item you would like to exchange, and the size or colour you would like instead?']
        : [`Thank you for asking about an exchange on order #${s.order.id}.`, 'Could you tell me the size or colour you would like instead?'];
  }
}

/** The full reply text, or null when no reply should be written (spam). */
export function draftReply(situation: Situation, customer: Customer | null): string | null {
  const lines = body(situation);
  if (!lines.length) return null;
  const name = firstName(customer);
  return `${name ? `Hi ${name},` : 'Hello,'}\n\n${lines.join(' ')}\n\nBest regards,\n${SIGNATURE}`;
}
