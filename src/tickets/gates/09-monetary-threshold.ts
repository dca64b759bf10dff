import { ACTION_TYPES, type ActionType, type Settings } from '../settings.ts';
import { DAY_MS, money, pass, skip, type Gate, type GateResult, type PricedAction } from './types.ts';

const NOUN = { refund: 'refund', cancel: 'cancellation', exchange: 'exchange' } as const;

/**
 * Per action type, the ticket's total (a refund split into parts is still one refund) against the
 * org's ceilings, raised for VIP customers. A disabled action type is blocked here; an order older
 * than maxOrderAgeDays waits for approval. A block anywhere wins over an approval.
 */
export const monetaryThreshold: Gate = {
  id: 'monetary_threshold',
  run(ctx) {
    if (ctx.actions.length === 0) return skip('no actions proposed');
    const vipTags = lowerCaseVipTags(ctx.settings);
    const vip = ctx.facts.customerTags.some((t) => vipTags.has(t));
    const multiplier = vip ? ctx.settings.vipMultiplier : 1;
    const blocks: GateResult[] = [];
    const approvals: GateResult[] = [];
    const totals: Record<string, number> = {};
    const byType = actionsByType(ctx.actions);
    for (const type of ACTION_TYPES) {
      const ofType = byType[type];
      if (!ofType) continue;
      const limits = ctx.settings.actions[type];
      const refused = ofType.map((a) => a.index);
      if (!limits.enabled) {
        blocks.push({ verdict: 'block', reason: `${NOUN[type]}s are disabled for this org`, refused });
        continue;
      }
      let cents = 0;
      for (const a of ofType) cents += a.cents;
      totals[type] = cents / 100;
      const currency = ofType[0].currency;
      // Ceilings in cents, so 50 × 1.5 compares exactly with 75.00.
      const autoMax = Math.round(limits.autoApproveMax * multiplier * 100);
      const blockAbove = Math.round(limits.blockAbove * multiplier * 100);
      const vipNote = vip ? ` (VIP: × ${ctx.settings.vipMultiplier})` : '';
      if (cents > blockAbove) {
        blocks.push({ verdict: 'block', reason: `${NOUN[type]} of ${money(cents)} ${currency} is above the hard ceiling of ${money(blockAbove)}${vipNote}`, refused });
      } else if (cents > autoMax) {
        approvals.push({ verdict: 'approve', reason: `${NOUN[type]} of ${money(cents)} ${currency} is above the auto-approve ceiling of ${money(autoMax)}${vipNote}` });
      }
    }
    const details = { totals, vip, multiplier };
    if (blocks.length) return { ...blocks[0], reason: blocks.map((b) => b.reason).join('; '), refused: blocks.flatMap((b) => b.refused ?? []), details };
    if (approvals.length) return { ...approvals[0], reason: approvals.map((a) => a.reason).join('; '), details };
    const old = oldestOrderAge(ctx.actions, ctx.facts.nowMs);
    if (old && old.days > ctx.settings.maxOrderAgeDays) {
      return { verdict: 'approve', reason: `order ${old.orderId} is ${Math.floor(old.days)} days old (more than ${ctx.settings.maxOrderAgeDays})`, details };
    }
    return pass(details);
  },
};

function actionsByType(actions: readonly PricedAction[]): Partial<Record<ActionType, PricedAction[]>> {
  const byType: Partial<Record<ActionType, PricedAction[]>> = {};
  for (const a of actions) (byType[a.type] ??= []).push(a);
  return byType;
}

// Settings objects are shared by every ticket of an org (resolveSettings caches them).
const vipTagsOf = new WeakMap<Settings, ReadonlySet<string>>();
function lowerCaseVipTags(settings: Settings): ReadonlySet<string> {
  let tags = vipTagsOf.get(settings);
  if (!tags) vipTagsOf.set(settings, (tags = new Set(settings.vipTags.map((t) => t.toLowerCase()))));
  return tags;
}

function oldestOrderAge(actions: readonly PricedAction[], nowMs: number): { orderId: string; days: number } | null {
  let oldest: { orderId: string; days: number } | null = null;
  for (const a of actions) {
    if (!a.order) continue;
    const days = (nowMs - a.orderCreatedAt) / DAY_MS;
    if (!oldest || days > oldest.days) oldest = { orderId: a.order.id, days };
  }
  return oldest;
}
