import { DAY_MS, money, pass, skip, toCents, type Gate } from './types.ts';

/** A customer's refund and damage-claim history in the window, compared with the org's limits. */
export const abuseDetection: Gate = {
  id: 'abuse_detection',
  run(ctx) {
    if (ctx.actions.length === 0) return skip('no actions proposed');
    const { windowDays, maxRefunds, maxDamageClaims, maxRefundRatio } = ctx.settings.abuse;
    const { nowMs, customerHistory, customerHistoryAt, customerOrders, customerOrdersCreatedAt } = ctx.facts;
    const since = nowMs - windowDays * DAY_MS;
    let refunds = 0;
    let damageClaims = 0;
    let refundedCents = 0;
    for (let i = 0; i < customerHistory.length; i++) {
      if (!(customerHistoryAt[i] > since)) continue;
      const h = customerHistory[i];
      if (h.kind === 'action') {
        if (h.type === 'refund' && h.status === 'executed') {
          refunds += 1;
          refundedCents += toCents(h.amount || 0);
        }
      } else if (h.reason?.toLowerCase() === 'damaged') damageClaims += 1;
    }
    let orderedCents = 0;
    for (let i = 0; i < customerOrders.length; i++) {
      const created = customerOrdersCreatedAt[i];
      if (created > since && created <= nowMs) orderedCents += toCents(customerOrders[i].totalPrice);
    }
    const ratio = refundedCents === 0 ? 0 : orderedCents === 0 ? Infinity : refundedCents / orderedCents;
    const details = { windowDays, refunds, damageClaims, refunded: refundedCents / 100, ordered: orderedCents / 100, ratio: Number.isFinite(ratio) ? Math.round(ratio * 1000) / 1000 : null };
    if (refunds > maxRefunds) {
      return { verdict: 'review', reason: `${refunds} refunds in the last ${windowDays} days (more than ${maxRefunds})`, details };
    }
    if (damageClaims > maxDamageClaims) {
      return { verdict: 'review', reason: `${damageClaims} damage claims in the last ${windowDays} days (more than ${maxDamageClaims})`, details };
    }
    if (ratio > maxRefundRatio) {
      return {
        verdict: 'review',
        reason: `refunds of ${money(refundedCents)} against orders of ${money(orderedCents)} in the last ${windowDays} days exceed the ratio of ${maxRefundRatio}`,
        details,
      };
    }
    return pass(details);
  },
};
