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
    const { nowMs: now, executedActions, executedActionsAt } = ctx.facts;
    const own = ctx.actions.length;
    const customerId = ctx.facts.customer?.id;
    const hourAgo = now - HOUR_MS;
    const since = now - customerWindowDays * DAY_MS;
    let orgLastHour = ctx.facts.orgLastHourUnlisted;
    let customerRecent = 0;
    for (let i = 0; i < executedActions.length; i++) {
      if (executedActionsAt[i] > hourAgo) orgLastHour += 1;
      if (customerId !== undefined && executedActions[i].customerId === customerId && executedActionsAt[i] > since) customerRecent += 1;
    }
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
