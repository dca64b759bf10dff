import { decide } from '../../tickets/decide.ts';
import { withOrg, lockOrg } from '../db/tenant.ts';
import { run } from '../db/port.ts';
import { conflict, notFound, ServiceError } from '../errors.ts';
import { getTicket, plans as ticketPlans } from '../repo/tickets.ts';
import { getAction, setActionStatus, publicAction, type ActionRow } from '../repo/actions.ts';
import { getSettings } from '../repo/settings.ts';
import { appendAudit } from '../repo/audit.ts';
import type { Principal } from '../repo/accounts.ts';
import type { ServiceContext } from './context.ts';
import { buildScenario, historyWindowDays, loadStoreFacts } from './facts.ts';
import { ticketInput } from './process-ticket.ts';
import { executePending } from './execute.ts';
import { TOOL_OF } from './record.ts';
import { queueReply } from './replies.ts';

/** What the person saw when they clicked: the approval binds to exactly this. */
export interface SeenAction {
  orderId: string;
  amount: number;
  type?: string;
}

const cents = (n: number) => Math.round(n * 100);

function assertSame(action: ActionRow, seen: SeenAction) {
  const same = String(seen.orderId) === action.orderId && cents(seen.amount) === cents(action.amount) && (!seen.type || seen.type === action.type);
  if (!same) {
    throw conflict('approval_mismatch', 'the action changed since it was shown; reload it and decide again', {
      action: { type: action.type, orderId: action.orderId, amount: action.amount, currency: action.currency },
    });
  }
}

function assertAwaiting(action: ActionRow) {
  if (action.status !== 'awaiting_approval') {
    throw conflict('not_awaiting_approval', `the action is already ${action.status}`, { status: action.status });
  }
}

/**
 * A person approves one waiting action. Under the org's lock, with the current store facts and
 * history, the pipeline runs again with the approval: the gates that ask for a person pass, while
 * entity, refundable amount and limits are checked again. Then the action executes (once).
 */
export async function approveAction(ctx: ServiceContext, who: Principal, actionId: string, seen: SeenAction) {
  const { db } = ctx;
  const orgId = who.orgId;
  const first = await withOrg(db, orgId, async (tx) => {
    const action = await getAction(tx, orgId, actionId);
    if (!action) throw notFound('action');
    assertAwaiting(action);
    assertSame(action, seen);
    return { action, ticket: (await getTicket(tx, orgId, action.ticketId))!, settings: await getSettings(tx, orgId) };
  });
  const input = ticketInput(first.ticket.payload);
  const store = await ctx.storeFor(orgId);
  const readAt = new Date();
  const facts = await loadStoreFacts(store, input.ticket);
  const settings = first.settings.settings;
  const answer = first.ticket.modelAnswer ?? input.model;
  if (!answer) throw conflict('not_approvable', 'the ticket has no proposal to approve');

  const result = await withOrg(db, orgId, async (tx) => {
    await lockOrg(tx, orgId);
    const action = await getAction(tx, orgId, actionId, true);
    if (!action) throw notFound('action');
    assertAwaiting(action);
    assertSame(action, seen);
    const built = await buildScenario(tx, orgId, { ticket: input.ticket, model: answer }, facts, settings, ctx.now(), readAt);
    const decision = await decide(built.scenario, { env: ctx.env, approval: { by: who.actor }, orgRecentActions: built.orgRecentActions }, settings);
    await run(tx, ticketPlans.insertDecision(orgId, action.ticketId, 'approval', who.actor, decision));
    const decided = decision.actions[action.idx];
    const audit = {
      type: action.type, actor: who.actor, tool: `${store.name}.${TOOL_OF[action.type]}`, ticketId: action.ticketId, actionId: action.id,
      customerId: action.customerId, amount: action.amount, currency: action.currency, confidence: decision.confidence,
      input: { orderId: action.orderId, amount: action.amount, ...action.params },
    };
    if (decided?.status === 'executed') {
      await setActionStatus(tx, orgId, action.id, 'pending', { approvedBy: who.actor });
      await appendAudit(tx, orgId, { ...audit, event: 'action.approved', status: 'pending', output: { approvedBy: who.actor } });
      await run(tx, ticketPlans.afterApproval(orgId, action.ticketId, decision));
      // the reply held with the action goes out once the action is approved
      await queueReply(tx, orgId, action.ticketId, first.ticket.payload as { thread?: unknown }, decision);
      return { ok: true as const };
    }
    // The kill switch or shadow mode: nothing may execute now, but the action can still wait.
    if (decision.outcome === 'halted' || decision.outcome === 'shadow') {
      return { ok: false as const, code: decision.outcome === 'halted' ? 'kill_switch_on' : 'shadow_mode', reason: decision.stoppedAt?.reason ?? 'the organisation is in shadow mode: nothing executes' };
    }
    const reason = decision.stoppedAt?.reason ?? 'the re-check did not clear the action';
    await setActionStatus(tx, orgId, action.id, 'blocked', { note: reason, gate: decision.stoppedAt?.gate ?? null });
    await appendAudit(tx, orgId, { ...audit, event: 'action.approval_refused', status: 'blocked', gate: decision.stoppedAt?.gate ?? null, output: { reason, approvedBy: who.actor } });
    return { ok: false as const, code: 'recheck_failed', reason, gate: decision.stoppedAt?.gate ?? null };
  });
  if (!result.ok) throw new ServiceError(409, result.code, result.reason, undefined, { gate: 'gate' in result ? result.gate : null });
  await executePending(ctx, orgId, first.action.ticketId);
  const after = await withOrg(db, orgId, (tx) => getAction(tx, orgId, actionId));
  return publicAction(after!);
}

/** A person rejects one waiting action, with a reason; nothing executes. */
export async function rejectAction(ctx: ServiceContext, who: Principal, actionId: string, reason: string, seen?: SeenAction) {
  const orgId = who.orgId;
  return withOrg(ctx.db, orgId, async (tx) => {
    const action = await getAction(tx, orgId, actionId, true);
    if (!action) throw notFound('action');
    assertAwaiting(action);
    if (seen) assertSame(action, seen);
    await setActionStatus(tx, orgId, action.id, 'rejected', { note: reason, rejectedBy: who.actor });
    await appendAudit(tx, orgId, {
      type: action.type, event: 'action.rejected', status: 'rejected', actor: who.actor, ticketId: action.ticketId, actionId: action.id,
      customerId: action.customerId, amount: action.amount, currency: action.currency,
      input: { orderId: action.orderId, amount: action.amount, ...action.params }, output: { reason },
    });
    return publicAction((await getAction(tx, orgId, actionId))!);
  });
}
