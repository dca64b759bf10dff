import { claimJobs, failJob, finishJobs, releaseJobs, type Job } from './repo/jobs.ts';
import { run } from './db/port.ts';
import { withOrg } from './db/tenant.ts';
import { refreshStatistics } from './db/statistics.ts';
import { plans as ticketPlans } from './repo/tickets.ts';
import type { ServiceContext } from './pipeline/context.ts';
import { processTicket, processTickets } from './pipeline/process-ticket.ts';
import { sendReply } from './pipeline/replies.ts';

export interface WorkerOptions {
  /** jobs in flight at once in this process (env GATEHOUSE_WORKERS, default 4) */
  concurrency?: number;
  /** how often to look for work when idle; other instances' enqueues are found this way */
  pollMs?: number;
  /** at most this many of one org's ticket jobs claimed together are decided in one transaction (1: one by one) */
  batch?: number;
}

export interface Worker {
  /** look for work now (called after an enqueue in this process) */
  wake(): void;
  /** resolves when no job is queued or running in this process (tests) */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

type Handler = (ctx: ServiceContext, job: Job) => Promise<void>;

/** How often the worker deletes per-second action counts no window reads any more. */
const SWEEP_EVERY_MS = 60_000;
/** How often it looks for tables grown past their statistics (a size check; ANALYZE only when one has doubled). */
const STATISTICS_EVERY_MS = 10_000;

const HANDLERS: Record<string, Handler> = {
  async ticket(ctx, job) {
    await processTicket(ctx, job.orgId, String(job.payload.ticketId));
  },
  async send_reply(ctx, job) {
    await sendReply(ctx, job.orgId, String(job.payload.ticketId), String(job.payload.text ?? ''));
  },
};

/**
 * The background worker: claims jobs (any tenant's, `FOR UPDATE SKIP LOCKED`) and runs each in its
 * tenant's scope. A failing job is retried with backoff and then marked dead; it never blocks
 * the other jobs, of its tenant or anyone else's.
 */
export function startWorker(ctx: ServiceContext, opts: WorkerOptions = {}): Worker {
  const concurrency = Math.max(1, opts.concurrency ?? 4);
  // 32: the batch's fixed round trips (begin and lock, the tickets, their facts, commit) shared by more
  // tickets; 16 beat 8, and 32 beat 16 once plans stopped going stale (docs/service.md)
  const batch = Math.max(1, opts.batch ?? 32);
  const pollMs = opts.pollMs ?? 250;
  let active = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let claiming = false;
  let again = false;
  const idleWaiters: Array<() => void> = [];
  // Done marks wait a few milliseconds so that jobs finishing together share one statement.
  const finished: Job[] = [];
  let flushTimer: NodeJS.Timeout | undefined;
  let flushing: Promise<void> = Promise.resolve();
  let unflushed = 0; // done-marks taken for a flush that has not finished yet
  // Jobs claimed ahead: one claim takes several jobs (one round trip), and the next are claimed
  // while these run. `active` counts units in flight: a unit is one job, or a batch of one org's tickets.
  const claimed: Job[] = [];
  const busy = () => active > 0 || claiming || claimed.length > 0 || finished.length > 0 || unflushed > 0;

  const settleIdle = () => {
    if (!busy()) idleWaiters.splice(0).forEach((r) => r());
  };

  function flushFinished(): Promise<void> {
    clearTimeout(flushTimer);
    flushTimer = undefined;
    const batch = finished.splice(0);
    unflushed += batch.length;
    flushing = flushing.then(async () => {
      try {
        await finishJobs(ctx.db, batch);
      } catch (error) {
        // the jobs stay `running` until their lease ends and then run again: every handler is safe to rerun
        ctx.log.error('could not mark jobs done', { jobs: batch.length, error: (error as Error).message });
      } finally {
        unflushed -= batch.length;
      }
    });
    return flushing.then(settleIdle);
  }

  function markDone(job: Job) {
    finished.push(job);
    if (finished.length >= 64) void flushFinished();
    else flushTimer ??= setTimeout(() => void flushFinished(), 5);
  }

  async function runUnit(unit: Job[]) {
    try {
      if (unit.length > 1) {
        try {
          await processTickets(ctx, unit[0].orgId, unit.map((job) => String(job.payload.ticketId)));
          unit.forEach(markDone);
          return;
        } catch (error) {
          // nothing of the batch was recorded (or what was is safe to resume): each job on its own, so a failure stays with its job
          ctx.log.warn('batch failed; running its jobs one by one', { orgId: unit[0].orgId, jobs: unit.length, error: (error as Error).message });
        }
      }
      for (const job of unit) await runJob(job);
    } finally {
      active -= 1;
      pump();
    }
  }

  async function runJob(job: Job) {
    try {
      const handler = HANDLERS[job.kind];
      if (!handler) throw new Error(`unknown job kind ${job.kind}`);
      await handler(ctx, job);
      markDone(job);
    } catch (error) {
      const message = (error as Error)?.message ?? String(error);
      try {
        const fate = await failJob(ctx.db, job, message);
        ctx.log.warn('job failed', { jobId: job.id, orgId: job.orgId, kind: job.kind, attempt: job.attempts, fate, error: message });
        if (fate === 'dead' && job.kind === 'ticket') {
          await withOrg(ctx.db, job.orgId, (tx) => run(tx, ticketPlans.fail(job.orgId, String(job.payload.ticketId), message)));
        }
      } catch (inner) {
        ctx.log.error('could not record a job failure', { jobId: job.id, error: (inner as Error).message });
      }
    }
  }

  /** The next claimed job, with up to `batch - 1` more of the same org's ticket jobs. */
  function nextUnit(): Job[] {
    const first = claimed.shift()!;
    const unit = [first];
    if (first.kind !== 'ticket') return unit;
    for (let i = 0; i < claimed.length && unit.length < batch; ) {
      if (claimed[i].kind === 'ticket' && claimed[i].orgId === first.orgId) unit.push(...claimed.splice(i, 1));
      else i += 1;
    }
    return unit;
  }

  function startClaimed() {
    while (!stopped && active < concurrency && claimed.length) {
      active += 1;
      void runUnit(nextUnit());
    }
  }

  async function pump() {
    if (stopped) return settleIdle();
    startClaimed();
    if (claiming) {
      again = true;
      return;
    }
    // in hand (running units and claimed jobs): a full batch per unit and one more unit's worth;
    // claim again only when half of that is free
    const ahead = concurrency * (batch + 1);
    const room = ahead - active - claimed.length;
    if (room < ahead / 2 && active + claimed.length > 0) return settleIdle();
    claiming = true;
    let jobs: Job[] = [];
    try {
      jobs = await claimJobs(ctx.db, room);
    } catch (error) {
      if (!stopped) ctx.log.error('could not claim jobs', { error: (error as Error).message });
    } finally {
      claiming = false;
    }
    claimed.push(...jobs);
    startClaimed();
    if ((jobs.length === room && room > 0) || again) {
      again = false;
      queueMicrotask(pump);
    }
    settleIdle();
  }

  let swept = 0;
  let analyzed = 0;
  let analyzing: Promise<unknown> = Promise.resolve();
  const tick = () => {
    if (stopped) return;
    void pump();
    if (Date.now() - swept > SWEEP_EVERY_MS) {
      swept = Date.now();
      run(ctx.db, ticketPlans.sweepActionCounts()).catch((error) => ctx.log.warn('could not sweep old action counts', { error: (error as Error).message }));
    }
    if (Date.now() - analyzed > STATISTICS_EVERY_MS) {
      analyzed = Date.now();
      // one after another: a slow ANALYZE is not joined by the next tick's
      analyzing = analyzing.then(() => refreshStatistics(ctx.db))
        .then((tables) => tables.length && ctx.log.info('statistics refreshed', { tables }))
        .catch((error) => ctx.log.warn('could not refresh statistics', { error: (error as Error).message }));
    }
    timer = setTimeout(tick, pollMs);
    timer.unref?.();
  };
  tick();

  return {
    wake: () => void pump(),
    idle: () =>
      new Promise<void>((resolve) => {
        if (!busy()) resolve();
        else idleWaiters.push(resolve);
      }),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      while (active > 0 || claiming) await new Promise((r) => setTimeout(r, 10));
      await analyzing;
      // jobs claimed but not started go back to the queue at once (not when their lease ends)
      const unstarted = claimed.splice(0);
      if (unstarted.length) await releaseJobs(ctx.db, unstarted).catch((error) => ctx.log.warn('could not release claimed jobs', { error: (error as Error).message }));
      await flushFinished();
    },
  };
}
