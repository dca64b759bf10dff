import { describe, expect, it } from 'vitest';
import { draftReply, firstName } from '../../src/adapters/model/local/reply.ts';
import { planActions } from '../../src/adapters/model/local/actions.ts';
import type { Intent } from '../../src/tickets/settings.ts';
import { jane, orders } from './fixtures.ts';

const reply = (intent: Intent, body: string, customer: typeof jane | null = jane) =>
  draftReply(planActions({ intent, subject: '', body, customer, orders }).situation, customer) ?? '';

const cases: [Intent, string][] = [
  ['refund_request', 'order #1043 arrived cracked, refund please'],
  ['refund_request', 'refund order 1046'],
  ['cancel_order', 'cancel order #1044'],
  ['cancel_order', 'cancel order #1042'],
  ['exchange_request', 'swap the tee on order 1045 for a large'],
  ['exchange_request', 'exchange order 1045'],
  ['order_status', 'where is order #1044?'],
  ['order_status', 'where is order #2001?'],
  ['human_request', 'a person please'],
  ['general_inquiry', 'do you ship to Canada?'],
  ['refund_request', 'refund orders 1042 and 1043'],
];

describe('drafted replies', () => {
  it.each(cases)('%s: "%s" greets, signs, and leaks nothing', (intent, body) => {
    const text = reply(intent, body);
    expect(text).toMatch(/^Hi Jane,\n\n/);
    expect(text).toMatch(/\n\nBest regards,\nCustomer Support$/);
    expect(text).not.toMatch(/Doe|@|cus_/); // no last name, e-mail or internal id
    expect(text).not.toMatch(/\b(?:today|tomorrow|within|hours?|business days?|by (?:monday|friday))\b/i); // no timing promises
    const prices = text.match(/\d+\.\d{2}/g) ?? [];
    expect(prices.every((p) => p === '50.00')).toBe(true); // the only amount ever stated is a refund's
  });

  it('states the refund amount, the order and its fulfilment state', () => {
    expect(reply('refund_request', 'order #1043 arrived cracked')).toContain('refund of 50.00 USD for order #1043');
    expect(reply('refund_request', 'order #1043 arrived cracked')).toContain('(shipped)');
    expect(reply('order_status', 'where is #1044')).toContain('has not shipped yet');
  });

  it('does not confirm that another customer\'s order exists', () => {
    expect(reply('order_status', 'where is order #2001?')).toContain('could not find order #2001');
    // the same words as for an order that does not exist at all
    expect(reply('order_status', 'where is order #2001?').replace('2001', 'N')).toBe(reply('order_status', 'where is order #9999?').replace('9999', 'N'));
  });

  it('says "Hello," without a usable first name', () => {
    expect(reply('order_status', 'where is #1044', { ...jane, name: null })).toMatch(/^Hello,/);
    expect(reply('order_status', 'where is #1044', null)).toMatch(/^Hello,/);
    expect(firstName({ ...jane, name: '<script>' })).toBeNull();
    expect(firstName({ ...jane, name: 'Zoë Ångström' })).toBe('Zoë');
  });

  it('writes nothing for spam', () => {
    expect(draftReply({ kind: 'no_reply' }, jane)).toBeNull();
  });
});

describe('exchange replies', () => {
  it('say what changes and the new SKU', () => {
    expect(reply('exchange_request', 'swap the tee on order 1045 for a large')).toContain('Organic Cotton Tee on that order for size L (TEE-BLK-L)');
  });
});
