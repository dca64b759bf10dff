import type { Db, Queryable, SqlPlan } from '../db/port.ts';
import { combine, run } from '../db/port.ts';
import { withOrg } from '../db/tenant.ts';
import type { StoreAdapter, StoreWriteResult, StoreWrites } from '../../adapters/store/types.ts';
import type { InDatabase } from '../../adapters/store/demo.ts';
import type { Order } from '../../tickets/scenario.ts';
import { pendingOfTicket, plans as actionPlans, type ActionRow } from '../repo/actions.ts';
import { plans as auditPlans } from '../repo/audit.ts';
import type { ServiceContext } from './context.ts';
import { TOOL_OF } from './record.ts';

/** A refusal the store will give again (not enough refundable, order cancelled): the action fails for good. */
export function isPermanentStoreError(error: unknown): boolean {
  const e = error as { code?: string; permanent?: boolean } | null;
  return e?.code === 'store_refused' || e?.permanent === true;
}

function callStore(store: StoreWrites, a: ActionRow): Promise<StoreWriteResult> {
  if (a.type === 'refund') return store.refund({ orderId: a.orderId, amount: a.amount, currency: a.currency, reason: a.reason }, a.idempotencyKey);
  if (a.type === 'cancel') return store.cancel({ orderId: a.orderId, reason: a.reason }, a.idempotencyKey);
  return store.exchange({ orderId: a.orderId, lineItemId: String(a.params.lineItemId ?? ''), newSku: String(a.params.newSku ?? '') }, a.idempotencyKey);
}

/**
 * Executes a ticket's pending intents at the store, each with its idempotency key, then records
 * the result. Safe to run twice, from two processes, or after a crash: the store dedupes by key and
 * only the first to finish records the outcome. A transient error is thrown (the job retries).
 */
export async function executePending(ctx: ServiceContext, orgId: string, ticketId: string, known?: ActionRow[]): Promise<void> {
  const pending = known ?? (await withOrg(ctx.db, orgId, (tx) => pendingOfTicket(tx, orgId, ticketId)));
  if (pending.length === 0) return;
  const store = await ctx.storeFor(orgId);
  for (const action of pending) await executeOne(ctx.db, store, action);
}

async function executeOne(db: Db, store: StoreWrites, action: ActionRow): Promise<void> {
  const outcome = await callAndRecordPlan(store, action);
  // The commit need not wait for the disk: were it lost in a crash, the intent would still be
  // pending, and reconciling asks the store again with the same idempotency key, which replays the
  // result it recorded (durably, on its side).
  await withOrg(db, action.orgId, async (tx) => {
    tx.lazyCommit();
    await run(tx, outcome);
  });
}

/**
 * Executes one intent in the caller's transaction, with a store that writes in that transaction
 * too (the demo store): the store's write, the intent and its outcome commit together or not at all,
 * and the outcome is recorded in the store's own write statement (one round trip, not two).
 */
export async function executeIn(tx: Queryable, store: StoreAdapter & InDatabase, action: ActionRow, moved?: (order: Order) => void): Promise<'executed' | 'failed'> {
  let recorded = false;
  const writes = store.writesIn(tx, {
    alongside: (result, name) => {
      recorded = true;
      return outcomePlans(store.name, action, result, null, name);
    },
    moved,
  });
  const { result, refusal } = await callStoreOnce(writes, action);
  // refused, or replayed from an earlier write: nothing was written alongside
  if (!recorded) await run(tx, outcomePlan(store.name, action, result, refusal));
  return result ? 'executed' : 'failed';
}

async function callStoreOnce(store: StoreWrites, action: ActionRow): Promise<{ result: StoreWriteResult | null; refusal: string | null }> {
  try {
    return { result: await callStore(store, action), refusal: null };
  } catch (error) {
    if (!isPermanentStoreError(error)) throw error;
    return { result: null, refusal: (error as Error).message };
  }
}

/** Calls the store; returns the statement that records the outcome and its audit entry. */
async function callAndRecordPlan(store: StoreWrites, action: ActionRow): Promise<SqlPlan> {
  const { result, refusal } = await callStoreOnce(store, action);
  return outcomePlan(store.name, action, result, refusal);
}

function outcomePlan(storeName: string, action: ActionRow, result: StoreWriteResult | null, refusal: string | null): SqlPlan {
  const [update, audit] = outcomePlans(storeName, action, result, refusal, 's0');
  return combine([update], audit);
}

/**
 * The outcome's two statements: the update (to run as the CTE `name`) and its audit entry. Only a
 * still-pending row is updated (the row lock makes a concurrent recorder wait, then see it is no
 * longer pending): the first to finish records it, and no update means no audit entry.
 */
function outcomePlans(storeName: string, action: ActionRow, result: StoreWriteResult | null, refusal: string | null, name: string): [SqlPlan, SqlPlan] {
  const orgId = action.orgId;
  const status = result ? 'executed' : 'failed';
  const update = actionPlans.setStatus(orgId, action.id, status, result ? { storeResult: result } : { note: refusal });
  return [
    { text: `${update.text} AND status = 'pending' RETURNING id`, values: update.values },
    auditPlans.insertFrom(orgId, {
      type: action.type, event: `action.${status}`, status, actor: action.approvedBy ?? action.decidedBy ?? 'ai',
      tool: `${storeName}.${TOOL_OF[action.type]}`, ticketId: action.ticketId, customerId: action.customerId,
      amount: result?.amount ?? action.amount, currency: action.currency,
      input: { orderId: action.orderId, amount: action.amount, ...action.params, idempotencyKey: action.idempotencyKey },
      output: result ?? { error: refusal },
    }, name),
  ];
}

/** Start-up: finish every intent a crashed process left pending (the store dedupes by key). */
export async function reconcilePending(ctx: ServiceContext): Promise<number> {
  const tickets = await run<{ org_id: string; ticket_id: string }>(ctx.db, actionPlans.allPending());
  let done = 0;
  for (const t of tickets) {
    try {
      await executePending(ctx, t.org_id, t.ticket_id);
      done += 1;
    } catch (error) {
      ctx.log.warn('reconcile: store call failed, will retry at next start or job', { orgId: t.org_id, ticketId: t.ticket_id, error: (error as Error).message });
    }
  }
  return done;
}
