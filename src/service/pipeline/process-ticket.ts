import { decide } from '../../tickets/decide.ts';
import { ticketSchema, modelAnswerSchema, type Decision, type ModelAnswer, type Ticket } from '../../tickets/scenario.ts';
import type { Settings } from '../../tickets/settings.ts';
import type { Queryable, Tx } from '../db/port.ts';
import { withOrg, lockOrg } from '../db/tenant.ts';
import { getTicketsWithSettings, getTicketWithSettings, loadDecisionFacts, type TicketRow } from '../repo/tickets.ts';
import type { StoredSettings } from '../repo/settings.ts';
import { isInDatabase } from '../../adapters/store/demo.ts';
import type { StoreAdapter } from '../../adapters/store/types.ts';
import type { ServiceContext } from './context.ts';
import { buildScenario, historyWindowDays, loadBatchFacts, loadStoreFacts, scenarioOf, type ServiceScenario, type StoreFacts } from './facts.ts';
import { BatchEffects } from './batch-effects.ts';
import { recordingModel } from './model.ts';
import { recordDecision, type Recorded } from './record.ts';
import { executeIn, executePending } from './execute.ts';
import { addInFlight, inFlightOf } from './in-flight.ts';

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
  if (isInDatabase(store)) return tx ? loadStoreFacts(store.readsIn(tx), ticket) : null;
  return tx ? null : loadStoreFacts(store, ticket);
}

interface Loaded {
  ticket: TicketRow;
  settings: StoredSettings;
  input: ReturnType<typeof ticketInput>;
}

/**
 * Decides one stored ticket and executes what the decision allows. Runs as a job; safe to run
 * again after a crash (a decided ticket only resumes its pending executions).
 *
 * When nothing outside the database is asked (the store lives in the database and the request
 * carries the model's answer, or the model is the built-in one), one transaction reads, decides
 * and records. Otherwise the store and the model are asked outside any transaction and the
 * decision is recorded in a second one.
 *
 * Limits and execution are one atomic step: when the decision would execute, it is taken again
 * under the org's advisory lock with the history re-read in the same transaction, and the intents
 * are recorded before that transaction commits. Concurrent tickets cannot overshoot a cap.
 */
export async function processTicket(ctx: ServiceContext, orgId: string, ticketId: string): Promise<Decision | null> {
  const { db } = ctx;
  const store = await ctx.storeFor(orgId);
  const now = ctx.now();
  type FirstPass =
    | { done: TicketRow | null }
    | { outside: { loaded: Loaded; facts: StoreFacts | null; built: ServiceScenario | null; readAt: Date } }
    | { recorded: Recorded & { decision: Decision } };
  const outcome = await withOrg(db, orgId, async (tx): Promise<FirstPass> => {
    const read = await getTicketWithSettings(tx, orgId, ticketId);
    if (!read || !undecided(read.ticket)) return { done: read?.ticket ?? null };
    const loaded: Loaded = { ticket: read.ticket, settings: read.settings, input: ticketInput(read.ticket.payload) };
    const readAt = new Date();
    const facts = await storeFacts(store, tx, loaded.input.ticket);
    const built = facts && (await buildScenario(tx, orgId, loaded.input, facts, loaded.settings.settings, now));
    if (!facts || !built || (ctx.model && !loaded.input.model)) return { outside: { loaded, facts, built, readAt } };
    const recorded = await decideAndRecord(ctx, tx, store, loaded, facts, built, readAt);
    // Nothing reaches the store: if a crash lost this commit, the job would run again and decide the
    // ticket afresh. Recorded intents always wait for the disk before any store call.
    if (!recorded.pending.length) tx.lazyCommit();
    return { recorded };
  });
  let recorded: Recorded & { decision: Decision };
  if ('recorded' in outcome) {
    recorded = outcome.recorded;
  } else if ('outside' in outcome) {
    const { loaded } = outcome.outside;
    let { facts, built, readAt } = outcome.outside;
    if (!facts || !built) {
      readAt = new Date();
      const remote = (await storeFacts(store, null, loaded.input.ticket))!;
      facts = remote;
      built = await withOrg(db, orgId, (tx) => buildScenario(tx, orgId, loaded.input, remote, loaded.settings.settings, now));
    }
    recorded = await decideAndRecord(ctx, null, store, loaded, facts, built, readAt);
  } else {
    // already decided (a retried job): only its pending executions may be left
    if (!outcome.done) return null;
    await executePending(ctx, orgId, ticketId);
    return outcome.done.decision;
  }
  await afterRecord(ctx, orgId, ticketId, recorded);
  return recorded.decision;
}

async function afterRecord(ctx: ServiceContext, orgId: string, ticketId: string, recorded: Recorded): Promise<void> {
  if (!recorded.decided) await executePending(ctx, orgId, ticketId); // another worker decided it: make sure its intents finish
  else if (recorded.pending.length) await executePending(ctx, orgId, ticketId, recorded.pending);
}

/**
 * Several of one org's queued tickets (jobs claimed together), decided in one transaction that
 * holds the org's lock from the start: the tickets and settings in one read, every ticket's facts in
 * one more (loadBatchFacts), then each ticket in order, decided on those facts (under the lock, so
 * its first decision is final: no re-check), recorded, and its intents executed at the store in the
 * same transaction. A later ticket is decided on what the earlier ones left, applied to its facts
 * in memory (BatchEffects: their executed actions, damage claims and moved orders), exactly what it
 * would read after them. Saves the per-ticket BEGIN, COMMIT, reads, re-check and the two
 * transactions per execution: round trips were most of a decision's cost, and one org's batches run
 * one after another, so a batch's round trips set that org's rate. Only when the store
 * lives in the database and no remote model is asked: otherwise one by one. Any error rolls the
 * whole batch back, store writes included; the caller then runs the tickets one by one.
 */
export async function processTickets(ctx: ServiceContext, orgId: string, ticketIds: readonly string[]): Promise<void> {
  const store = await ctx.storeFor(orgId);
  if (ticketIds.length === 1 || !isInDatabase(store) || ctx.model) {
    for (const id of ticketIds) await processTicket(ctx, orgId, id);
    return;
  }
  // the org's lock is taken as the transaction begins
  const outcomes = await withOrg(ctx.db, orgId, async (tx) => {
    const now = ctx.now(); // the windows and limits are counted from the moment the lock is held
    const reads = await getTicketsWithSettings(tx, orgId, ticketIds);
    const loaded = new Map<string, Loaded>();
    for (const [id, read] of reads) if (undecided(read.ticket)) loaded.set(id, { ticket: read.ticket, settings: read.settings, input: ticketInput(read.ticket.payload) });
    // every ticket's facts in one read (the tickets share the settings row read with them)
    const readAt = new Date();
    const first = loaded.values().next().value;
    const windowDays = first ? historyWindowDays(first.settings.settings) : 0;
    const batchFacts = first ? await loadBatchFacts(tx, orgId, [...loaded.values()].map((l) => l.input.ticket), windowDays, now, readAt) : [];
    const factsOf = new Map([...loaded.keys()].map((id, i) => [id, batchFacts[i]]));
    const effects = new BatchEffects(now.toISOString(), windowDays);
    let executed = false;
    const out: Array<{ ticketId: string; recorded: Recorded | null }> = [];
    for (const ticketId of ticketIds) {
      const mine = loaded.get(ticketId);
      if (!mine) {
        out.push({ ticketId, recorded: reads.has(ticketId) ? { decided: false, pending: [] } : null });
        continue;
      }
      // the facts read at the start, with what the earlier tickets of the batch wrote since
      const read = factsOf.get(ticketId)!;
      const { store: facts, decision } = effects.apply(read.store, read.decision);
      const built = scenarioOf(mine.input, facts, decision, now, readAt);
      const recorded = await decideAndRecord(ctx, tx, store, mine, facts, built, readAt, { underLock: true });
      if (recorded.decided) effects.recorded(mine.ticket, facts.customer ? String(facts.customer.id) : null, recorded.decision.intent, recorded.reason ?? null);
      for (const action of recorded.pending) {
        if ((await executeIn(tx, store, action, (order) => effects.moved(order))) === 'executed') effects.executedAction(action);
      }
      executed ||= recorded.pending.length > 0;
      out.push({ ticketId, recorded: { ...recorded, pending: [] } });
    }
    // money moved in this transaction: its commit waits for the disk
    if (!executed) tx.lazyCommit();
    return out;
  }, { lockOrg: true });
  for (const { ticketId, recorded } of outcomes) if (recorded) await afterRecord(ctx, orgId, ticketId, recorded);
}

/**
 * Decides and records, in `tx` when the reads were made in it (else in a transaction of its own):
 * an executing decision is taken again under the org's lock first, unless its facts were already
 * read under that lock (`underLock`: a batch's).
 */
async function decideAndRecord(
  ctx: ServiceContext, tx: Tx | null, store: StoreAdapter, loaded: Loaded, facts: StoreFacts, built: ServiceScenario, readAt: Date,
  opts: { underLock?: boolean } = {},
): Promise<Recorded & { decision: Decision }> {
  const { ticket, settings, input } = loaded;
  const orgId = ticket.orgId;
  const model = recordingModel(ctx.model);
  const first = await decide(built.scenario, { model: model.adapter, env: ctx.env, modelTimeoutMs: ctx.modelTimeoutMs, orgRecentActions: built.orgRecentActions }, settings.settings);
  const answer = input.model ?? model.answer();
  const customerId = facts.customer ? String(facts.customer.id) : null;
  const record = async (q: Tx): Promise<Recorded & { decision: Decision }> => {
    let decision = first;
    const executes = decision.actions.some((a) => a.status === 'executed');
    // facts read under the lock are final; otherwise an executing decision is taken again under it
    if (executes && !opts.underLock) {
      await lockOrg(q, orgId); // held to the commit
      decision = await recheckUnderLock(ctx, q, orgId, store, { ...built.scenario, model: answer }, input.ticket, customerId, settings.settings, readAt);
    }
    const recorded = await recordDecision(q, ticket, decision, { customerId, answer, settingsVersion: settings.version, actor: 'ai', storeName: store.name });
    return { ...recorded, decision };
  };
  if (tx) return record(tx);
  return withOrg(ctx.db, orgId, async (own) => {
    const recorded = await record(own);
    if (!recorded.pending.length) own.lazyCommit(); // as in processTicket
    return recorded;
  });
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
  if (isInDatabase(store)) {
    readAt = new Date();
    // the customer was found before; only their orders can have moved since
    orders = (await loadStoreFacts(store.readsIn(tx), ticket, scenario.store.customers[0] ?? null)).orders;
  }
  const { history, orgRecentActions, inFlight } = await loadDecisionFacts(tx, orgId, ticket.id, customerId, historyWindowDays(settings), lockedNow, inFlightOf(orders, readAt));
  orders = addInFlight(orders, inFlight, readAt);
  return decide({ ...scenario, now: lockedNow, store: { ...scenario.store, orders }, history }, { env: ctx.env, orgRecentActions }, settings);
}
