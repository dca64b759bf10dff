import type { ModelAdapter } from '../adapters/model/types.ts';
import { InputError, parseOrThrow } from '../errors.ts';
import { scenarioSchema, type Decision, type Scenario, type TraceEntry } from './scenario.ts';
import { resolveSettings, type Settings } from './settings.ts';
import { deriveFacts, priceActions, type OrgRecentActions } from './facts.ts';
import { askModel } from './model-call.ts';
import { fastParseScenario } from './fast-parse.ts';
import { instantMs } from './instant.ts';
import { GATES } from './gates/index.ts';
import { killSwitchOn } from './gates/01-kill-switch.ts';
import type { GateContext, GateResult, ModelResult } from './gates/types.ts';
import { assembleDecision, outcomeOf, type RunRecord } from './outcome.ts';

export interface DecideDeps {
  /** the configured model, used when the scenario has no recorded `model` (default: the built-in local model) */
  model?: ModelAdapter;
  /** read at the edge: GATEHOUSE_KILL_SWITCH=1 → { killSwitch: true } (the core never reads process.env) */
  env?: { killSwitch?: boolean };
  modelTimeoutMs?: number;
  /**
   * A person approved this ticket (the service's approvals queue): gates that would ask for approval
   * pass instead, and the trace says who approved. Blocks and reviews still stop the run.
   */
  approval?: { by: string };
  /**
   * The org's executed (or reserved) actions of the last hour that `scenario.history` does not list,
   * per type: the service counts them in its database rather than loading each one. The rate limit
   * counts them and first-time approval sees their types; no customer gate can (they name no customer).
   */
  orgRecentActions?: OrgRecentActions;
}

const NO_CLOCK = 'the scenario needs a clock: give `now` or `ticket.receivedAt`';

/** A ticket body larger than this is refused on its line rather than fed to the gates and the model. */
export const MAX_BODY_CHARS = 200_000;

/**
 * Validates a scenario (JSON already parsed). Throws an InputError naming each field:
 * `model.intent`, `settings.actions.refund.autoApproveMax`, `now` (no clock), `ticket.body` (too long).
 */
export function parseScenario(value: unknown): Scenario {
  const scenario = validScenario(value);
  resolvedSettings.set(scenario, resolveUnderSettings(scenario.settings));
  return scenario;
}

/**
 * parseScenario and the scenario's resolved settings, for a caller that passes them on to
 * decideNow itself (replay): the same checks and errors, without remembering the settings.
 */
export function parseScenarioWithSettings(value: unknown): { scenario: Scenario; settings: Settings } {
  const scenario = validScenario(value);
  return { scenario, settings: resolveUnderSettings(scenario.settings) };
}

function validScenario(value: unknown): Scenario {
  // The fast path returns exactly zod's output for the inputs it accepts; zod handles the rest and words the errors.
  const scenario = fastParseScenario(value) ?? parseOrThrow(scenarioSchema, value);
  if (!scenario.now && !scenario.ticket.receivedAt) {
    throw new InputError([{ field: 'now', message: NO_CLOCK }]);
  }
  if (scenario.ticket.body.length > MAX_BODY_CHARS) {
    throw new InputError([{ field: 'ticket.body', message: `the body is ${scenario.ticket.body.length} characters long; the limit is ${MAX_BODY_CHARS}` }]);
  }
  return scenario;
}

// parseScenario resolves the settings once; decide() reuses them instead of resolving again.
const resolvedSettings = new WeakMap<Scenario, Settings>();

/** The scenario's partial settings deep-merged over the defaults (or over `base`), errors under `settings.`. */
export function settingsOf(scenario: Scenario, base?: unknown): Settings {
  const known = base === undefined ? resolvedSettings.get(scenario) : undefined;
  return known ?? resolveUnderSettings(scenario.settings, base);
}

function resolveUnderSettings(partial: Scenario['settings'], base?: unknown): Settings {
  try {
    return base === undefined ? resolveSettings(partial) : resolveSettings(partial, base);
  } catch (error) {
    if (error instanceof InputError) throw error.under('settings');
    throw error;
  }
}

function clockOf(scenario: Scenario): number {
  const at = scenario.now ?? scenario.ticket.receivedAt;
  if (!at) throw new InputError([{ field: 'now', message: NO_CLOCK }]);
  return instantMs(at);
}

/**
 * The pipeline: scenario in, decision out. Pure apart from the model call: the same scenario with a
 * recorded model answer always gives the same decision.
 *
 * `settings` overrides the scenario's own resolved settings (replay --compare passes the other side).
 *
 * Example: `await decide(parseScenario(JSON.parse(text)), { env: { killSwitch: false } })`
 */
export async function decide(scenario: Scenario, deps: DecideDeps = {}, settings: Settings = settingsOf(scenario)): Promise<Decision> {
  return decideNow(scenario, deps, settings);
}

/**
 * The same pipeline, synchronous for as long as it can be: with a recorded model answer and rules
 * that need no engine run (the usual replay line) it returns the decision itself, saving the
 * microtasks of an await per gate; it returns a promise only from the first step that is really
 * asynchronous (a live model call, the rules engine). One code path either way.
 */
export function decideNow(scenario: Scenario, deps: DecideDeps = {}, settings: Settings = settingsOf(scenario)): Decision | Promise<Decision> {
  const facts = deriveFacts(scenario, clockOf(scenario), deps.orgRecentActions);
  const env = Object.freeze({ killSwitch: deps.env?.killSwitch === true });
  // With the kill switch on nothing runs, not even the model.
  if (killSwitchOn({ env, settings })) return runWith(scenario, settings, env, facts, { ok: false, reason: 'the kill switch is on' }, deps.approval);
  if (scenario.model) return runWith(scenario, settings, env, facts, { ok: true, answer: scenario.model, source: 'recorded' }, deps.approval);
  return askModel(scenario, facts, deps.model, deps.modelTimeoutMs).then((model) => runWith(scenario, settings, env, facts, model, deps.approval));
}

function runWith(scenario: Scenario, settings: Settings, env: GateContext['env'], facts: GateContext['facts'], model: ModelResult, approval: DecideDeps['approval']): Decision | Promise<Decision> {
  const ctx: GateContext = Object.freeze({
    scenario,
    settings,
    env,
    facts,
    model,
    actions: Object.freeze(model.ok ? priceActions(model.answer, facts) : []),
  });
  const record: RunRecord = { trace: [], stop: null, guarded: null };
  const done = runGates(ctx, approval, record, 0);
  return done === true ? assembleDecision(ctx, record) : done.then(() => assembleDecision(ctx, record));
}

/**
 * Runs the gates from `from` on, synchronously until a gate returns a promise; then the rest runs
 * after it settles. Returns true when the run is complete, or a promise of its completion.
 */
function runGates(ctx: GateContext, approval: DecideDeps['approval'], record: RunRecord, from: number): true | Promise<true> {
  for (let i = from; i < GATES.length; i++) {
    const gate = GATES[i];
    let pending: GateResult | Promise<GateResult>;
    try {
      pending = gate.run(ctx);
    } catch (error) {
      pending = failed(error);
    }
    if (pending instanceof Promise) {
      return pending.then(
        (result) => (recordResult(ctx, approval, record, gate.id, result) ? true : runGates(ctx, approval, record, i + 1)),
        (error) => (recordResult(ctx, approval, record, gate.id, failed(error)) ? true : runGates(ctx, approval, record, i + 1)),
      );
    }
    if (recordResult(ctx, approval, record, gate.id, pending)) return true;
  }
  return true;
}

// Fail closed: a gate that throws sends the ticket to a person, never on to execution.
function failed(error: unknown): GateResult {
  return { verdict: 'review', reason: `the gate failed: ${(error as Error)?.message ?? String(error)}` };
}

/** Records one gate's result; true when the run stops here. */
function recordResult(ctx: GateContext, approval: DecideDeps['approval'], record: RunRecord, id: TraceEntry['gate'], gateResult: GateResult): boolean {
  let result = gateResult;
  if (result.verdict === 'approve' && approval) {
    result = { verdict: 'pass', details: { ...result.details, approvedBy: approval.by, approvalWasNeeded: result.reason } };
  }
  if (result.replyText !== undefined || result.findings) record.guarded = { text: result.replyText ?? null, findings: result.findings ?? [] };
  record.trace.push(traceEntry(id, result));
  if (outcomeOf(result.verdict)) {
    record.stop ??= { gate: id, result };
    // Shadow mode runs every gate so the merchant sees each objection; the first one is still the
    // live outcome (stoppedAt, wouldBe). A halt, or a run without a model answer, cannot go on.
    const runAll = ctx.settings.mode === 'shadow';
    if (!runAll || result.verdict === 'halt' || !ctx.model.ok) return true;
  }
  return false;
}

function traceEntry(gate: TraceEntry['gate'], result: GateResult): TraceEntry {
  const entry: TraceEntry = { gate, verdict: result.verdict };
  if (result.verdict !== 'pass' && result.reason) entry.reason = result.reason;
  if (result.details) entry.details = result.details;
  return entry;
}
