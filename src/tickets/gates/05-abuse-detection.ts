import { DAY_MS, money, pass, skip, toCents, type Gate } from './types.ts';

/** A customer's refund and damage-claim history in the window, compared with the org's limits. */
export const abuseDetection: Gate = {
  id: 'abuse_detection',
  run(ctx) {
    if (ctx.actions.length === 0) return skip('no actions proposed');
    const { windowDays, maxRefunds, maxDamageClaims, maxRefundRatio } = ctx.settings.abuse;
    const since = ctx.facts.nowMs - windowDays * DAY_MS;
    const recent = ctx.facts.customerHistory.filter((h) => Date.parse(h.at) > since);
    const refunds = recent.filter((h) => h.kind === 'action' && h.type === 'refund' && h.status === 'executed');
    const damageClaims = recent.filter((h) => h.kind === 'ticket' && h.reason?.toLowerCase() === 'damaged').length;
    const refundedCents = refunds.reduce((sum, h) => sum + toCents((h.kind === 'action' && h.amount) || 0), 0);
    const orderedCents = ctx.facts.customerOrders
      .filter((o) => Date.parse(o.createdAt) > since && Date.parse(o.createdAt) <= ctx.facts.nowMs)
      .reduce((sum, o) => sum + toCents(o.totalPrice), 0);
    const ratio = refundedCents === 0 ? 0 : orderedCents === 0 ? Infinity : refundedCents / orderedCents;
    const details = { windowDays, refunds: refunds.length, damageClaims, refunded: refundedCents / 100, ordered: orderedCents / 100, ratio: Number.isFinite(ratio) ? Math.round(ratio * 1000) / 1000 : null };
    if (refunds.length > maxRefunds) {
      return { verdict: 'review', reason: `${refunds.length} refunds in the last ${windowDays} days (more than ${maxRefunds})`, details };
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
