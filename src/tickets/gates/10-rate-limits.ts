import { DAY_MS, pass, skip, type Gate } from './types.ts';

const HOUR_MS = 3_600_000;

/**
 * Executed actions in the window plus this ticket's own actions against the caps. (In the service,
 * the count and the execution are one atomic step; here the history is the count.)
 */
export const rateLimits: Gate = {
  id: 'rate_limits',
  run(ctx) {
    if (ctx.actions.length === 0) return skip('no actions proposed');
    const { orgActionsPerHour, customerActions, customerWindowDays } = ctx.settings.limits;
    const now = ctx.facts.nowMs;
    const own = ctx.actions.length;
    const orgLastHour = ctx.facts.executedActions.filter((h) => Date.parse(h.at) > now - HOUR_MS).length;
    const customerId = ctx.facts.customer?.id;
    const since = now - customerWindowDays * DAY_MS;
    const customerRecent = customerId === undefined ? 0 : ctx.facts.executedActions.filter((h) => h.customerId === customerId && Date.parse(h.at) > since).length;
    const details = { orgLastHour, customerRecent, proposed: own };
    const refused = ctx.actions.map((a) => a.index);
    if (orgLastHour + own > orgActionsPerHour) {
      return { verdict: 'block', reason: `${orgLastHour} actions in the last hour plus ${own} would exceed the org's limit of ${orgActionsPerHour} per hour`, details, refused };
    }
    if (customerRecent + own > customerActions) {
      return { verdict: 'block', reason: `${customerRecent} actions for this customer in the last ${customerWindowDays} days plus ${own} would exceed the limit of ${customerActions}`, details, refused };
    }
    return pass(details);
  },
};
