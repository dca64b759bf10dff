import { decide } from '../../tickets/decide.ts';
import { ticketSchema, modelAnswerSchema, type Decision, type ModelAnswer, type Ticket } from '../../tickets/scenario.ts';
import type { Settings } from '../../tickets/settings.ts';
import type { Queryable } from '../db/port.ts';
import { withOrg, lockOrg } from '../db/tenant.ts';
import { getTicket, getTicketWithSettings, loadDecisionFacts, type TicketRow } from '../repo/tickets.ts';
import { pendingOfTicket } from '../repo/actions.ts';
import { hasScopedReads } from '../../adapters/store/demo.ts';
import type { StoreAdapter } from '../../adapters/store/types.ts';
import type { ServiceContext } from './context.ts';
import { buildScenario, historyWindowDays, loadStoreFacts, type StoreFacts } from './facts.ts';
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

const undecided = (t: TicketRow) => t.status === 'queued' || t.status === 'failed';

/** Store facts: in the caller's transaction when the store lives in the database, else from the store itself. */
async function storeFacts(store: StoreAdapter, tx: Queryable | null, ticket: Ticket): Promise<StoreFacts | null> {
  if (hasScopedReads(store)) return tx ? loadStoreFacts(store.readsIn(tx), ticket) : null;
  return tx ? null : loadStoreFacts(store, ticket);
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
  const store = await ctx.storeFor(orgId);
  const now = ctx.now();
  let readAt = new Date();
  // One read transaction: the ticket, the settings and (for the demo store) the store facts.
  const loaded = await withOrg(db, orgId, async (tx) => {
    const read = await getTicketWithSettings(tx, orgId, ticketId);
    const ticket = read?.ticket ?? null;
    if (!read || !ticket || !undecided(ticket)) return { ticket, settings: null, input: null, facts: null, scenario: null };
    const settings = read.settings;
    const input = ticketInput(ticket.payload);
    const facts = await storeFacts(store, tx, input.ticket);
    const scenario = facts && (await buildScenario(tx, orgId, input, facts, settings.settings, now));
    return { ticket, settings, input, facts, scenario };
  });
  if (!loaded.ticket) return null;
  if (!loaded.settings || !loaded.input) {
    await executePending(ctx, orgId, ticketId);
    return loaded.ticket.decision;
  }
  const { settings, input } = loaded;
  let facts = loaded.facts, built = loaded.scenario;
  if (!facts || !built) {
    readAt = new Date();
    const remote = (await storeFacts(store, null, input.ticket))!;
    facts = remote;
    built = await withOrg(db, orgId, (tx) => buildScenario(tx, orgId, input, remote, settings.settings, now));
  }
  const model = recordingModel(ctx.model);
  let decision = await decide(built.scenario, { model: model.adapter, env: ctx.env, modelTimeoutMs: ctx.modelTimeoutMs, orgRecentActions: built.orgRecentActions }, settings.settings);
  const answer = input.model ?? model.answer();
  const executes = decision.actions.some((a) => a.status === 'executed');
  const customerId = facts.customer ? String(facts.customer.id) : null;
  const firstScenario = built.scenario;

  const pending = await withOrg(db, orgId, async (tx) => {
    if (executes) await lockOrg(tx, orgId);
    const current = await getTicket(tx, orgId, ticketId, true);
    if (!current || !undecided(current)) return null;
    if (executes) decision = await recheckUnderLock(ctx, tx, orgId, store, { ...firstScenario, model: answer }, input.ticket, customerId, settings.settings, readAt);
    await recordDecision(tx, current, decision, { customerId, answer, settingsVersion: settings.version, actor: 'ai', storeName: store.name });
    if (decision.actions.some((a) => a.status === 'executed')) return pendingOfTicket(tx, orgId, ticketId);
    // Nothing reaches the store: if a crash lost this commit, the job would run again and decide the
    // ticket afresh. Recorded intents (above) always wait for the disk before any store call.
    tx.lazyCommit();
    return [];
  });
  if (pending === null) {
    await executePending(ctx, orgId, ticketId); // another worker decided it: make sure its intents finish
  } else if (pending.length) {
    await executePending(ctx, orgId, ticketId, pending);
  }
  return decision;
}

/**
 * The decision again, with the lock held: the clock moves on to now, the history is re-read (what
 * others recorded meanwhile counts), the store facts are re-read when they live in the database,
 * and refunds already in flight on the same orders are added.
 */
async function recheckUnderLock(
  ctx: ServiceContext, tx: Queryable, orgId: string, store: StoreAdapter,
  scenario: Parameters<typeof decide>[0], ticket: Ticket, customerId: string | null, settings: Settings, readAt: Date,
): Promise<Decision> {
  const lockedNow = ctx.now().toISOString();
  let orders = scenario.store.orders;
  if (hasScopedReads(store)) {
    readAt = new Date();
    // the customer was found before; only their orders can have moved since
    orders = (await loadStoreFacts(store.readsIn(tx), ticket, scenario.store.customers[0] ?? null)).orders;
  }
  orders = await withInFlight(tx, orgId, orders, readAt);
  const { history, orgRecentActions } = await loadDecisionFacts(tx, orgId, ticket.id, customerId, historyWindowDays(settings), lockedNow);
  return decide({ ...scenario, now: lockedNow, store: { ...scenario.store, orders }, history }, { env: ctx.env, orgRecentActions }, settings);
}
