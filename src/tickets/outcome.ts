import type { ActionStatus, DecidedAction, Decision, GateId, Outcome, ReplyStatus, TraceEntry, Verdict } from './scenario.ts';
import type { Finding } from '../guardrails/types.ts';
import type { GateContext, GateResult } from './gates/types.ts';

/** The outcome a stopping verdict gives in live mode. */
const OUTCOME_OF: Partial<Record<Verdict, Outcome>> = {
  halt: 'halted',
  short_circuit: 'short_circuited',
  review: 'needs_review',
  approve: 'awaiting_approval',
  block: 'blocked',
};

export function outcomeOf(verdict: Verdict): Outcome | null {
  return OUTCOME_OF[verdict] ?? null;
}

export interface RunRecord {
  trace: TraceEntry[];
  /** the gate that stopped the run and its result, or null when every gate passed */
  stop: { gate: GateId; result: GateResult } | null;
  /** the reply as the output guardrails left it, when that gate ran */
  guarded: { text: string | null; findings: readonly Finding[] } | null;
}

/**
 * Turns a finished run into the decision: the live outcome, then shadow mode on top of it
 * (nothing executes or is sent; `wouldBe` keeps the live outcome).
 */
export function assembleDecision(ctx: GateContext, run: RunRecord): Decision {
  const live: Outcome = run.stop ? outcomeOf(run.stop.result.verdict)! : 'executed';
  const shadow = ctx.settings.mode === 'shadow' && live !== 'halted';
  const refused = new Set(run.stop?.result.refused ?? []);
  const answer = ctx.model.ok ? ctx.model.answer : null;

  const actions: DecidedAction[] = ctx.actions.map((a) => {
    let status: ActionStatus = 'not_run';
    if (live === 'executed') status = shadow ? 'would_execute' : 'executed';
    else if (live === 'awaiting_approval') status = shadow ? 'not_run' : 'awaiting_approval';
    else if (live === 'blocked' && refused.has(a.index)) status = 'blocked';
    const decided: DecidedAction = { type: a.type, orderId: a.orderId, amount: a.cents / 100, currency: a.currency, status };
    if (a.proposed.type === 'exchange') {
      decided.lineItemId = a.proposed.lineItemId;
      decided.newSku = a.proposed.newSku;
    }
    if (a.proposed.reason !== undefined) decided.reason = a.proposed.reason;
    return decided;
  });

  return {
    scenarioId: ctx.scenario.id ?? null,
    ticketId: ctx.scenario.ticket.id,
    outcome: shadow ? 'shadow' : live,
    wouldBe: shadow ? live : null,
    stoppedAt: run.stop ? { gate: run.stop.gate, reason: run.stop.result.reason ?? run.stop.result.verdict } : null,
    intent: answer?.intent ?? null,
    confidence: answer?.confidence ?? null,
    entities: { orderIds: [...ctx.facts.orderIds] },
    actions,
    reply: replyOf(live, shadow, answer?.reply ?? null, run),
    trace: run.trace,
  };
}

function replyOf(live: Outcome, shadow: boolean, draft: string | null, run: RunRecord): Decision['reply'] {
  const findings = [...(run.guarded?.findings ?? [])];
  // A short-circuited, halted or model-less ticket generates no reply.
  if (live === 'halted' || live === 'short_circuited' || draft === null) return { status: 'none', text: null, findings };
  if (live === 'executed') {
    const text = run.guarded ? run.guarded.text : draft;
    if (text === null) return { status: 'none', text: null, findings };
    const status: ReplyStatus = shadow ? 'would_send' : 'sent';
    return { status, text, findings };
  }
  if (run.stop?.gate === 'output_guardrails') return { status: 'blocked', text: null, findings };
  // The run stopped before the reply was cleared: it waits with the ticket for a person.
  return { status: 'held', text: draft, findings };
}
