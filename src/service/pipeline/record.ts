import type { Queryable } from '../db/port.ts';
import { combine, one } from '../db/port.ts';
import type { Decision, ModelAnswer } from '../../tickets/scenario.ts';
import { plans as ticketPlans, type TicketRow } from '../repo/tickets.ts';
import { actionRow, plans as actionPlans, type ActionRow } from '../repo/actions.ts';
import { plans as auditPlans, type AuditInput } from '../repo/audit.ts';
import { plans as jobPlans } from '../repo/jobs.ts';
import { replyToQueue } from './replies.ts';

/** The store operation each action type calls, as the audit log names it. */
export const TOOL_OF = { refund: 'createRefund', cancel: 'cancelOrder', exchange: 'createExchange' } as const;

export interface Recorded {
  /** false: the ticket was no longer undecided (another worker decided it first) and nothing was written */
  decided: boolean;
  /** the intents recorded for the store, in order: executed after the commit */
  pending: ActionRow[];
  /** the ticket's reason as recorded (what the damage-claim count reads) */
  reason?: string | null;
}

/** A ticket's reason: the first reason its proposed actions give. */
export const ticketReason = (answer: ModelAnswer | null): string | null => answer?.actions.find((a) => a.reason)?.reason ?? null;

/**
 * Persists a decision in the caller's transaction, as one statement (one round trip): the ticket,
 * the decision history, one row per action, the reply's job and the audit entries. Everything
 * hangs on the ticket's conditional update, so a ticket another worker decided first gets nothing.
 * An action the decision executes is recorded as a `pending` intent (with its idempotency key):
 * execution happens after commit.
 */
export async function recordDecision(
  tx: Queryable,
  ticket: TicketRow,
  decision: Decision,
  ctx: { customerId: string | null; answer: ModelAnswer | null; settingsVersion: number; actor: string; storeName: string },
): Promise<Recorded> {
  const orgId = ticket.orgId;
  const status = decision.outcome === 'halted' ? 'halted' : 'decided';
  const reason = ticketReason(ctx.answer);
  const ticketInput = ticket.payload.ticket;
  const ctes = [
    ticketPlans.recordDecision(orgId, ticket.id, decision, status, ctx.customerId, ctx.answer, reason, ctx.settingsVersion),
    ticketPlans.insertDecisionFrom(orgId, ticket.id, 'ticket', ctx.actor, decision.outcome, 's0'),
  ];
  const audits: Array<{ entry: Omit<AuditInput, 'actionId'>; source: string; actionId: boolean }> = [{
    source: 's0', actionId: false, entry: {
      type: 'ticket', event: 'ticket.decided', status: decision.outcome, actor: ctx.actor, ticketId: ticket.id,
      customerId: ctx.customerId, gate: decision.stoppedAt?.gate ?? null, confidence: decision.confidence,
      input: { from: ticketInput.from ?? null, subject: ticketInput.subject ?? null, channel: ticketInput.channel ?? null },
      output: { outcome: decision.outcome, wouldBe: decision.wouldBe, stoppedAt: decision.stoppedAt, intent: decision.intent, reply: decision.reply.status },
    },
  }];
  const actionCtes: string[] = [];
  // halted: nothing ran, the ticket waits for the kill switch to go off
  if (status !== 'halted') {
    const reply = replyToQueue(ticket.payload as { thread?: unknown }, decision);
    if (reply) ctes.push(jobPlans.enqueueFrom(orgId, 'send_reply', { ticketId: ticket.id, text: reply }, 's0'));
    for (const [idx, action] of decision.actions.entries()) {
      const actionStatus = action.status === 'executed' ? 'pending' : action.status;
      const stopped = action.status === 'blocked' || action.status === 'awaiting_approval' ? decision.stoppedAt : null;
      const name = `s${ctes.length}`;
      actionCtes.push(name);
      // a row already there (the ticket recorded before) comes back empty and writes no audit entry
      ctes.push(actionPlans.insertFrom(orgId, ticket.id, idx, action, actionStatus, ctx.customerId, stopped?.gate ?? null, stopped?.reason ?? null, ctx.actor, 's0'));
      audits.push({
        source: name, actionId: true, entry: {
          type: action.type, event: actionStatus === 'pending' ? 'action.intent_recorded' : `action.${actionStatus}`, status: actionStatus,
          actor: ctx.actor, tool: `${ctx.storeName}.${TOOL_OF[action.type]}`, ticketId: ticket.id,
          customerId: ctx.customerId, amount: action.amount, currency: action.currency, gate: decision.stoppedAt?.gate ?? null,
          confidence: decision.confidence,
          input: { orderId: action.orderId, amount: action.amount, lineItemId: action.lineItemId, newSku: action.newSku, reason: action.reason ?? null },
          output: stopped ? { reason: stopped.reason } : null,
        },
      });
    }
  }
  ctes.push(auditPlans.insertEach(orgId, audits));
  const intents = actionCtes.length
    ? `(SELECT coalesce(json_agg(p ORDER BY p.idx), '[]') FROM (${actionCtes.map((c) => `SELECT * FROM ${c}`).join(' UNION ALL ')}) p WHERE p.status = 'pending')`
    : `'[]'::json`;
  const row = await one<{ decided: boolean; pending: Array<Record<string, unknown>> }>(tx,
    combine(ctes, { text: `SELECT EXISTS (SELECT 1 FROM s0) AS decided, ${intents} AS pending`, values: [] }));
  return { decided: row!.decided, pending: row!.pending.map(actionRow), reason };
}
