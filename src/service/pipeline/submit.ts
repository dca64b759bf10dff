import { createHash } from 'node:crypto';
import { withOrg } from '../db/tenant.ts';
import { one } from '../db/port.ts';
import { conflict } from '../errors.ts';
import { getTicket, plans as ticketPlans } from '../repo/tickets.ts';
import type { ServiceContext } from './context.ts';

export interface SubmittedTicket {
  id: string;
  status: string;
  duplicate: boolean;
}

/**
 * Stores a ticket and its job in one statement, idempotent by (org, ticket id): the same content
 * again is a duplicate (no second job); other content under the same id is a 409.
 */
export async function submitTicket(
  ctx: ServiceContext,
  orgId: string,
  body: { ticket: { id: string; from?: string }; [k: string]: unknown },
  /** an e-mail webhook retried later carries another receivedAt: the message id alone decides */
  opts: { idOnly?: boolean } = {},
): Promise<SubmittedTicket> {
  const id = String(body.ticket.id);
  const hash = createHash('sha256').update(JSON.stringify(body)).digest('hex');
  const result = await withOrg(ctx.db, orgId, async (tx) => {
    if (await one(tx, ticketPlans.insertWithJob(orgId, id, body, hash, body.ticket.from || null))) return { status: 'queued', duplicate: false };
    const existing = (await getTicket(tx, orgId, id))!;
    if (!opts.idOnly && existing.payloadHash !== hash) throw conflict('ticket_conflict', `ticket ${id} was already submitted with different content`);
    return { status: existing.status, duplicate: true };
  });
  if (!result.duplicate) ctx.wake?.();
  return { id, ...result };
}
