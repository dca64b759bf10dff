import type { Queryable } from '../db/port.ts';
import { run, sql } from '../db/port.ts';
import { withOrg } from '../db/tenant.ts';
import { enqueue } from '../repo/jobs.ts';
import { getTicket } from '../repo/tickets.ts';
import { appendAudit } from '../repo/audit.ts';
import type { Decision } from '../../tickets/scenario.ts';
import type { ServiceContext } from './context.ts';

const markSent = (orgId: string, id: string, messageId: string) =>
  sql('UPDATE tickets SET reply_message_id = $3, reply_sent_at = now() WHERE org_id = $1 AND id = $2 AND reply_sent_at IS NULL', orgId, id, messageId);

/**
 * The reply to send by e-mail, when the decision cleared one (its job is queued with the decision).
 * Only tickets that arrived through the inbound e-mail webhook (they carry a thread) are answered by
 * e-mail; an API client reads the reply from GET /v1/tickets/:id and delivers it itself.
 */
export function replyToQueue(payload: { thread?: unknown }, decision: Decision): string | null {
  return decision.reply.status === 'sent' && decision.reply.text && payload.thread ? decision.reply.text : null;
}

/** Queues the cleared reply's job in the caller's transaction (an approval that clears the reply). */
export async function queueReply(tx: Queryable, orgId: string, ticketId: string, payload: { thread?: unknown }, decision: Decision): Promise<void> {
  const text = replyToQueue(payload, decision);
  if (text) await enqueue(tx, orgId, 'send_reply', { ticketId, text });
}

/**
 * Sends a cleared reply over SMTP in the customer's thread (In-Reply-To, References), once: a ticket
 * already marked sent is skipped. Without SMTP configured the reply is recorded as not sent.
 */
export async function sendReply(ctx: ServiceContext, orgId: string, ticketId: string, text: string): Promise<void> {
  const ticket = await withOrg(ctx.db, orgId, (tx) => getTicket(tx, orgId, ticketId));
  if (!ticket) return;
  const sent = await ctx.db.executeSql<{ at: unknown }>('SELECT reply_sent_at AS at FROM tickets WHERE org_id = $1 AND id = $2', [orgId, ticketId]);
  if (sent.rows[0]?.at) return;
  const t = ticket.payload.ticket as { from?: string; subject?: string };
  const thread = (ticket.payload as { thread?: { messageId?: string | null; references?: string[]; subject?: string; replyTo?: string; replyToName?: string | null } }).thread;
  const to = thread?.replyTo ?? t.from;
  if (!to) return;
  if (!ctx.mailer) {
    await withOrg(ctx.db, orgId, (tx) => appendAudit(tx, orgId, { type: 'reply', event: 'reply.not_sent', status: 'skipped', actor: 'ai', ticketId, output: { reason: 'no SMTP server is configured (GATEHOUSE_SMTP_URL)' } }));
    return;
  }
  const result = await ctx.mailer.sendReply({
    to, toName: thread?.replyToName ?? null, subject: thread?.subject ?? t.subject ?? '', text,
    inReplyTo: thread?.messageId ?? null, references: thread?.references ?? [],
  });
  await withOrg(ctx.db, orgId, async (tx) => {
    await run(tx, markSent(orgId, ticketId, result.messageId));
    await appendAudit(tx, orgId, { type: 'reply', event: 'reply.sent', status: 'sent', actor: 'ai', tool: 'smtp.sendReply', ticketId, customerId: ticket.customerId, output: { messageId: result.messageId, accepted: result.accepted.length } });
  });
}
