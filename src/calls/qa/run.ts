// Runs the sample calls against the configuration and checks what a launch review checks: greeting and
// disclosure, only allowed fields asked, hazard hand-offs, escalation wording, no guardrail finding,
// every summary reaching a configured recipient, and each sample's own expectation.
import { defaultGuardrailSettings, type GuardrailSettings } from '../../guardrails/settings.ts';
import { detectCallFindings } from '../../guardrails/detectors/call.ts';
import { INTAKE_FIELDS, type BusinessConfig } from '../config.ts';
import { hangUp, hearCaller, openCall, type CallContext } from '../engine.ts';
import { buildResult, type CallResult } from '../result.ts';
import { disclosure, greeting, LEAVE_NOW, question, safetyScript } from '../wording.ts';
import { defaultAnswers, planSamples, type SampleCall } from './samples.ts';

export interface QaCheck {
  check: string;
  passed: boolean;
  detail?: string;
}

export interface QaCallReport {
  id: string;
  purpose: string;
  disposition: string;
  passed: boolean;
  checks: QaCheck[];
}

export interface QaReport {
  business: string;
  passed: boolean;
  calls: QaCallReport[];
  /** samples this configuration gives no occasion for (no DST in the zone, no holidays…) */
  skipped: string[];
  totals: { calls: number; checks: number; failed: number };
}

const DISCLOSES = /\b(?:automated|virtual assistant|ai assistant|an ai\b|not a (?:real )?person|a recording|computer)\b/i;
/** A greeting that says the caller is talking to a person contradicts the disclosure that follows it. */
const CLAIMS_HUMAN = /(?:\b(?:i'?m|i am|this is|you'?re (?:talking|speaking) (?:to|with)|speaking with)|,) ?(?:a |an )?(?:real|live|actual) (?:person|human)\b|\bnot (?:a |an )?(?:bot|robot|machine|recording|automated|ai)\b/i;
const ASKS_FORBIDDEN = /\b(?:what(?:'s| is)|can i (?:get|have)|could you (?:give|tell|read)|please (?:give|tell|read))\b[^.?]*\b(?:card|social security|ssn|date of birth|birthday|password|pin|bank|account number|routing)\b/i;
const MAX_TURNS = 20;

/**
 * @param options.reference ISO date the review runs on (the hour and DST samples are taken after it); the
 * CLI passes today, tests a fixed day, so the core never reads the clock.
 */
export function runQa(config: BusinessConfig, options: { reference: string; guardrails?: GuardrailSettings }): QaReport {
  const { reference } = options;
  const ctx: CallContext = { config, guardrails: options.guardrails ?? defaultGuardrailSettings };
  const plan = planSamples(config, reference);
  const calls = plan.samples.map((sample) => checkCall(config, sample, playSample(ctx, sample)));
  const checks = calls.flatMap((c) => c.checks);
  const failed = checks.filter((c) => !c.passed).length;
  return { business: config.business.name, passed: failed === 0, calls, skipped: plan.skipped, totals: { calls: calls.length, checks: checks.length, failed } };
}

/** Plays a sample: the opening, then an answer to whatever the assistant asks, until it ends the call. */
export function playSample(ctx: CallContext, sample: SampleCall): CallResult {
  const answers = { ...defaultAnswers(ctx.config), ...sample.answers };
  let step = openCall(ctx, { callId: sample.id, now: sample.now, callerNumber: sample.callerNumber });
  step = hearCaller(ctx, step.state, sample.opening);
  for (let i = 0; i < MAX_TURNS && !step.state.ended && step.state.asked; i += 1) {
    step = hearCaller(ctx, step.state, answers[step.state.asked]);
  }
  return buildResult(ctx.config, hangUp(ctx, step.state));
}

function checkCall(config: BusinessConfig, sample: SampleCall, result: CallResult): QaCallReport {
  const checks: QaCheck[] = [];
  const add = (check: string, passed: boolean, detail?: string) => checks.push(passed ? { check, passed } : { check, passed, detail });
  const said = result.transcript.filter((t) => t.role === 'assistant').map((t) => t.text);
  const first = said[0] ?? '';

  const opening = first.startsWith(greeting(config)) && first.includes(disclosure(config)) && DISCLOSES.test(first) && !CLAIMS_HUMAN.test(first);
  const openingDetail = !DISCLOSES.test(first) ? 'the first line does not say the assistant is automated' : CLAIMS_HUMAN.test(first) ? 'the first line claims to be a person' : 'the first line lacks the greeting';
  add('greeting and automation disclosure come first', opening, openingDetail);
  const allowed = new Set(config.intakeFields);
  const askedOutside = INTAKE_FIELDS.filter((f) => !allowed.has(f) && said.some((s) => s.includes(question(f, config))));
  const forbidden = said.find((s) => ASKS_FORBIDDEN.test(s));
  add('only allowed intake fields are asked', askedOutside.length === 0 && !forbidden, askedOutside.length ? `asked for ${askedOutside.join(', ')}` : `asked: "${forbidden}"`);
  add('nothing said breaks a guardrail', result.violations.length === 0, result.violations.map((v) => `${v.rule} "${v.match ?? ''}"`).join('; '));
  add('the summary reaches a configured recipient', result.summary.recipients.length > 0, 'no recipient gets this call');

  const { expect } = sample;
  if (expect.hazard) {
    const hazard = expect.hazard;
    const script = safetyScript(config, hazard);
    const emergencyIds = config.recipients.filter((r) => r.gets.includes('emergency') || r.gets.includes('all')).map((r) => r.id);
    add(`the ${hazard} hazard is detected`, result.hazards.includes(hazard), `hazards: [${result.hazards.join(', ')}]`);
    add('the safety script is read and recorded', said.some((s) => s.includes(script.text)) && result.summary.safetyScripts.some((s) => s.id === script.id && s.version === script.version), `script ${script.id} v${script.version}`);
    add('handed off to the emergency recipients', result.summary.recipients.some((id) => emergencyIds.includes(id)), `recipients: [${result.summary.recipients.join(', ')}]`);
    if (LEAVE_NOW.has(hazard)) {
      add('the call ends right after telling the caller to leave', said[said.length - 1].includes(script.text) && result.transcript.length <= 3, `${said.length} assistant turns`);
    }
  }
  if (result.disposition === 'safety_escalation' || result.disposition === 'transfer_on_call') {
    const handoff = said.find((s) => /\burgent\b/i.test(s));
    const promises = handoff ? detectCallFindings(handoff).filter((f) => f.type === 'commitment' || f.type === 'guarantee') : [];
    add('escalation wording is urgent without promising timing', Boolean(handoff) && promises.length === 0, handoff ? promises.map((f) => f.match).join('; ') : 'no hand-off line says "urgent"');
  }
  if (expect.disposition) add(`disposition is ${expect.disposition}`, result.disposition === expect.disposition, `got ${result.disposition}`);
  if (expect.afterHours !== undefined) add(expect.afterHours ? 'counted as after hours' : 'counted as within hours', result.afterHours === expect.afterHours, `afterHours: ${result.afterHours}`);
  if (expect.category) add(`category is ${expect.category}`, result.category === expect.category, `got ${result.category}`);
  if (expect.inServiceArea !== undefined) add('service area by ZIP', result.inServiceArea === expect.inServiceArea, `inServiceArea: ${result.inServiceArea}`);
  if (expect.said) add(`the assistant says "${expect.said}…"`, said.some((s) => s.includes(expect.said!)), 'not said');
  if (expect.absent) add('the offered details are dropped everywhere', !JSON.stringify(result).includes(expect.absent), `"${expect.absent}" is still in the result`);
  return { id: sample.id, purpose: sample.purpose, disposition: result.disposition, passed: checks.every((c) => c.passed), checks };
}
