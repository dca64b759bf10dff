import { decide } from '../../tickets/decide.ts';
import { ticketSchema, modelAnswerSchema, type Decision, type ModelAnswer, type Ticket } from '../../tickets/scenario.ts';
import { withOrg, lockOrg } from '../db/tenant.ts';
import { getTicket, loadHistory } from '../repo/tickets.ts';
import { getSettings } from '../repo/settings.ts';
import type { ServiceContext } from './context.ts';
import { buildScenario, historyWindowDays, loadStoreFacts } from './facts.ts';
import { recordingModel } from './model.ts';
import { recordDecision } from './record.ts';
import { executePending } from './execute.ts';
import { withInFlight } from './in-flight.ts';

/** The stored request: the ticket and, optionally, the proposal of the merchant's own AI. */
export function ticketInput(payload: { ticket: unknown; model?: unknown }): { ticket: Ticket; model: ModelAnswer | null } {
  return {
    ticket: ticketSchema.parse(payload.ticket),
    model: payload.model ? modelAnswerSchema.parse(payload.model) : null,
  };
}

/**
 * Decides one stored ticket and executes what the decision allows. Runs as a job; safe to run
 * again after a crash (a decided ticket only resumes its pending executions).
 *
 * Limits and execution are one atomic step: when the decision would execute, it is taken again
 * under the org's advisory lock with the history re-read in the same transaction, and the intents
 * are recorded before that transaction commits. Concurrent tickets cannot overshoot a cap.
 */
export async function processTicket(ctx: ServiceContext, orgId: string, ticketId: string): Promise<Decision | null> {
  const { db } = ctx;
  const loaded = await withOrg(db, orgId, async (tx) => ({ ticket: await getTicket(tx, orgId, ticketId), settings: await getSettings(tx, orgId) }));
  const ticket = loaded.ticket;
  if (!ticket) return null;
  if (ticket.status !== 'queued' && ticket.status !== 'failed') {
    await executePending(ctx, orgId, ticketId);
    return ticket.decision;
  }
  const input = ticketInput(ticket.payload);
  const settings = loaded.settings.settings;
  const store = await ctx.storeFor(orgId);
  const readAt = new Date();
  const facts = await loadStoreFacts(store, input.ticket);
  const now = ctx.now();
  const scenario = await withOrg(db, orgId, (tx) => buildScenario(tx, orgId, input, facts, settings, now));
  const model = recordingModel(ctx.model);
  let decision = await decide(scenario, { model: model.adapter, env: ctx.env, modelTimeoutMs: ctx.modelTimeoutMs }, settings);
  const answer = input.model ?? model.answer();
  const executes = decision.actions.some((a) => a.status === 'executed');
  const customerId = facts.customer ? String(facts.customer.id) : null;

  const recorded = await withOrg(db, orgId, async (tx) => {
    if (executes) await lockOrg(tx, orgId);
    const current = await getTicket(tx, orgId, ticketId, true);
    if (!current || (current.status !== 'queued' && current.status !== 'failed')) return current?.decision ?? null;
    if (executes) {
      // the clock moves on to the moment the lock is held: what others recorded meanwhile is history
      const lockedNow = ctx.now().toISOString();
      const history = await loadHistory(tx, orgId, ticketId, customerId, historyWindowDays(settings), lockedNow);
      const orders = await withInFlight(tx, orgId, scenario.store.orders, readAt);
      decision = await decide({ ...scenario, now: lockedNow, store: { ...scenario.store, orders }, history, model: answer }, { env: ctx.env }, settings);
    }
    await recordDecision(tx, current, decision, { customerId, answer, settingsVersion: loaded.settings.version, actor: 'ai', storeName: store.name });
    return decision;
  });
  await executePending(ctx, orgId, ticketId);
  return recorded;
}
