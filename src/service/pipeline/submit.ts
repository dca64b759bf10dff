import { createHash } from 'node:crypto';
import { one } from '../db/port.ts';
import { conflict } from '../errors.ts';
import { plans as ticketPlans } from '../repo/tickets.ts';
import type { ServiceContext } from './context.ts';

export interface SubmittedTicket {
  id: string;
  status: string;
  duplicate: boolean;
}

/**
 * Stores a ticket and its job in one statement (one round trip), idempotent by (org, ticket id):
 * the same content again is a duplicate (no second job); other content under the same id is a 409.
 */
export async function submitTicket(
  ctx: ServiceContext,
  orgId: string,
  body: { ticket: { id: string; from?: string }; [k: string]: unknown },
  /** an e-mail webhook retried later carries another receivedAt: the message id alone decides */
  opts: { idOnly?: boolean } = {},
): Promise<SubmittedTicket> {
  const id = String(body.ticket.id);
  const payload = JSON.stringify(body);
  const hash = createHash('sha256').update(payload).digest('hex');
  // one round trip, in the statement's own transaction, scoped to the org inside it (migration 008)
  const row = (await one<{ queued: boolean; stored_status: string; stored_hash: string }>(ctx.db,
    ticketPlans.submit(orgId, id, payload, hash, body.ticket.from || null, ctx.db.appRole)))!;
  if (!row.queued && !opts.idOnly && row.stored_hash !== hash) throw conflict('ticket_conflict', `ticket ${id} was already submitted with different content`);
  const result = { status: row.stored_status, duplicate: !row.queued };
  if (!result.duplicate) ctx.wake?.();
  return { id, ...result };
}
