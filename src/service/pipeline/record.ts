import type { Queryable } from '../db/port.ts';
import { combine, run } from '../db/port.ts';
import type { Decision, ModelAnswer } from '../../tickets/scenario.ts';
import { plans as ticketPlans, type TicketRow } from '../repo/tickets.ts';
import { plans as actionPlans } from '../repo/actions.ts';
import { plans as auditPlans } from '../repo/audit.ts';
import { queueReply } from './replies.ts';

/** The store operation each action type calls, as the audit log names it. */
export const TOOL_OF = { refund: 'createRefund', cancel: 'cancelOrder', exchange: 'createExchange' } as const;

/**
 * Persists a decision in the caller's transaction: the ticket, the decision history, one row per
 * action and the audit entries. An action the decision executes is recorded as a `pending` intent
 * (with its idempotency key) before any store call: execution happens after commit.
 */
export async function recordDecision(
  tx: Queryable,
  ticket: TicketRow,
  decision: Decision,
  ctx: { customerId: string | null; answer: ModelAnswer | null; settingsVersion: number; actor: string; storeName: string },
): Promise<void> {
  const orgId = ticket.orgId;
  const status = decision.outcome === 'halted' ? 'halted' : 'decided';
  const reason = ctx.answer?.actions.find((a) => a.reason)?.reason ?? null;
  const ticketInput = ticket.payload.ticket;
  // the ticket, its decision history and its audit entry: one statement (one round trip)
  await run(tx, combine(
    [ticketPlans.recordDecision(orgId, ticket.id, decision, status, ctx.customerId, ctx.answer, reason, ctx.settingsVersion),
      ticketPlans.insertDecision(orgId, ticket.id, 'ticket', ctx.actor, decision)],
    auditPlans.insert(orgId, {
      type: 'ticket', event: 'ticket.decided', status: decision.outcome, actor: ctx.actor, ticketId: ticket.id,
      customerId: ctx.customerId, gate: decision.stoppedAt?.gate ?? null, confidence: decision.confidence,
      input: { from: ticketInput.from ?? null, subject: ticketInput.subject ?? null, channel: ticketInput.channel ?? null },
      output: { outcome: decision.outcome, wouldBe: decision.wouldBe, stoppedAt: decision.stoppedAt, intent: decision.intent, reply: decision.reply.status },
    }),
  ));
  if (status === 'halted') return; // nothing ran: the ticket waits for the kill switch to go off
  await queueReply(tx, orgId, ticket.id, ticket.payload as { thread?: unknown }, decision);
  for (const [idx, action] of decision.actions.entries()) {
    const actionStatus = action.status === 'executed' ? 'pending' : action.status;
    const stopped = action.status === 'blocked' || action.status === 'awaiting_approval' ? decision.stoppedAt : null;
    // the action row (the intent, with its idempotency key) and its audit entry: one statement;
    // a row already there (the ticket recorded before) writes neither
    await run(tx, combine(
      [actionPlans.insert(orgId, ticket.id, idx, action, actionStatus, ctx.customerId, stopped?.gate ?? null, stopped?.reason ?? null, ctx.actor)],
      auditPlans.insertFrom(orgId, {
        type: action.type, event: actionStatus === 'pending' ? 'action.intent_recorded' : `action.${actionStatus}`, status: actionStatus,
        actor: ctx.actor, tool: `${ctx.storeName}.${TOOL_OF[action.type]}`, ticketId: ticket.id,
        customerId: ctx.customerId, amount: action.amount, currency: action.currency, gate: decision.stoppedAt?.gate ?? null,
        confidence: decision.confidence,
        input: { orderId: action.orderId, amount: action.amount, lineItemId: action.lineItemId, newSku: action.newSku, reason: action.reason ?? null },
        output: stopped ? { reason: stopped.reason } : null,
      }, 's0'),
    ));
  }
}
