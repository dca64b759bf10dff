// "What if": the stored tickets decided again, under the current settings and under edited ones,
// by the same decide() the service runs, with each ticket's recorded model answer (no model call)
// and the store and history as the service loads them. Read-only: nothing is saved or executed.
import { decide } from '../tickets/decide.ts';
import type { Decision } from '../tickets/scenario.ts';
import type { Settings } from '../tickets/settings.ts';
import { withOrg } from '../service/db/tenant.ts';
import { getTicket, listTickets } from '../service/repo/tickets.ts';
import { buildScenario, loadStoreFacts } from '../service/pipeline/facts.ts';
import { ticketInput } from '../service/pipeline/process-ticket.ts';
import type { DashboardDeps } from './deps.ts';

export interface Replayed {
  ticketId: string;
  subject: string;
  before: Summary;
  after: Summary;
  changed: boolean;
}

export interface Summary {
  /** the live outcome (what shadow mode says would happen) */
  outcome: string;
  stoppedAt: string | null;
  reason: string | null;
  /** money that would execute without a person, per currency */
  autoMoney: Record<string, number>;
  actions: string[];
}

export interface WhatIfResult {
  replayed: Replayed[];
  skipped: number;
  totals: { before: Record<string, number>; after: Record<string, number> };
}

export const WHAT_IF_LIMIT = 200;

export function summarise(d: Decision): Summary {
  const autoMoney: Record<string, number> = {};
  for (const a of d.actions) {
    if (a.status === 'executed' || a.status === 'would_execute') autoMoney[a.currency] = round((autoMoney[a.currency] ?? 0) + a.amount);
  }
  return {
    outcome: d.outcome === 'shadow' ? d.wouldBe ?? 'shadow' : d.outcome,
    stoppedAt: d.stoppedAt?.gate ?? null,
    reason: d.stoppedAt?.reason ?? null,
    autoMoney,
    actions: d.actions.map((a) => `${a.type} #${a.orderId} ${a.status === 'would_execute' ? 'executed' : a.status}`),
  };
}

const round = (n: number) => Math.round(n * 100) / 100;
const addAll = (into: Record<string, number>, m: Record<string, number>) => {
  for (const [k, v] of Object.entries(m)) into[k] = round((into[k] ?? 0) + v);
};

export const differs = (a: Summary, b: Summary) => a.outcome !== b.outcome || a.stoppedAt !== b.stoppedAt || a.actions.join('|') !== b.actions.join('|');

/** Replays the org's latest decided tickets (up to WHAT_IF_LIMIT) under both settings. */
export async function whatIf(deps: DashboardDeps, orgId: string, current: Settings, edited: Settings): Promise<WhatIfResult> {
  const { db, ctx } = deps;
  const tickets = await withOrg(db, orgId, async (tx) => {
    const list = await listTickets(tx, orgId, { limit: WHAT_IF_LIMIT });
    return Promise.all(list.filter((t) => t.status === 'decided' || t.status === 'halted').map((t) => getTicket(tx, orgId, t.id)));
  });
  const store = await ctx.storeFor(orgId);
  const out: WhatIfResult = { replayed: [], skipped: 0, totals: { before: {}, after: {} } };
  for (const t of tickets) {
    if (!t) continue;
    const input = ticketInput(t.payload);
    const answer = t.modelAnswer ?? input.model;
    // without a recorded answer the replay would call a model: not from a report page
    if (!answer) {
      out.skipped++;
      continue;
    }
    const facts = await loadStoreFacts(store, input.ticket);
    const at = new Date(t.createdAt);
    // the org's last-hour counts are left out: counted in SQL with no upper bound, they would include later actions
    const { scenario } = await withOrg(db, orgId, (tx) => buildScenario(tx, orgId, { ticket: input.ticket, model: answer }, facts, current, at));
    // history as it stood when the ticket arrived (the ticket's own actions came after)
    scenario.history = scenario.history.filter((h) => h.at < at.toISOString());
    const env = { killSwitch: false };
    const before = summarise(await decide(scenario, { env }, current));
    const after = summarise(await decide(scenario, { env }, edited));
    addAll(out.totals.before, before.autoMoney);
    addAll(out.totals.after, after.autoMoney);
    out.replayed.push({ ticketId: t.id, subject: String(t.payload.ticket.subject ?? ''), before, after, changed: differs(before, after) });
  }
  return out;
}
