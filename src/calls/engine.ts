// The dialogue, one caller turn at a time, as a pure function over a plain JSON state (so the phone
// webhook can keep it in a store between requests). The clock is the call's `now`.
import type { CountryCode } from 'libphonenumber-js';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { BusinessConfig, Hazard, IntakeField } from './config.ts';
import type { GuardrailSettings } from '../guardrails/settings.ts';
import { detectHazardsCanonical, detectHazardsInTurn, detectPushes, soundsUrgent } from './hazards.ts';
import { canonical } from './speech.ts';
import { sanitizeCallerText } from './sensitive.ts';
import { matchCategoryCanonical } from './categories.ts';
import { isOpen } from './hours.ts';
import { cutVolunteered, readAddress, readName, readPhone, readPreferredWindow, readPropertyType, readZip, type VolunteeredField } from './extract.ts';
import { checkSpeech, type Violation } from './speak.ts';
import * as say from './wording.ts';

export type Disposition = 'safety_escalation' | 'transfer_on_call' | 'message_taken' | 'out_of_area' | 'out_of_scope';
/** What the phone line does after saying `say`: listen again, connect to on-call, or hang up. */
export type NextAction = 'listen' | 'dial' | 'hangup';

export interface Turn {
  role: 'assistant' | 'caller';
  text: string;
}

export interface CallState {
  callId: string;
  now: string;
  callerNumber: string | null;
  afterHours: boolean;
  localTime: string;
  holiday: boolean;
  transcript: Turn[];
  /** every caller turn so far, sanitised and in canonical form (turns joined by " . "), for rules that need
   * the whole story ("no heat" … "it's 5 degrees") */
  heard: string;
  intake: Partial<Record<IntakeField, string>>;
  asked: IntakeField | null;
  attempts: Partial<Record<IntakeField, number>>;
  skipped: IntakeField[];
  hazards: Hazard[];
  scripts: { hazard: Hazard; id: string; version: string }[];
  categoryId: string | null;
  outOfScope: { id: string; label: string } | null;
  urgent: boolean;
  /** set when the assistant itself ends the call, or hands it off */
  disposition: Disposition | null;
  ended: boolean;
  violations: Violation[];
}

export interface Step {
  state: CallState;
  say: string;
  action: NextAction;
}

export interface CallContext {
  config: BusinessConfig;
  guardrails: GuardrailSettings;
  /** false: guard every line afresh instead of reusing results for the same settings (benchmarks) */
  memoiseGuard?: boolean;
}

export interface OpenCall {
  callId: string;
  now: string;
  callerNumber?: string | null;
}

/** The assistant speaks first: greeting, the disclosure that it is automated, then the first question. */
export function openCall(ctx: CallContext, call: OpenCall): Step {
  const { config } = ctx;
  const hours = isOpen(config, call.now);
  const state: CallState = {
    callId: call.callId,
    now: call.now,
    callerNumber: call.callerNumber ?? null,
    afterHours: !hours.open,
    localTime: hours.local,
    holiday: hours.holiday,
    transcript: [],
    heard: '',
    intake: {},
    asked: null,
    attempts: {},
    skipped: [],
    hazards: [],
    scripts: [],
    categoryId: null,
    outOfScope: null,
    urgent: false,
    disposition: null,
    ended: false,
    violations: [],
  };
  const callerId = callerIdNumber(call.callerNumber, config);
  if (config.intakeFields.includes('callbackNumber') && callerId) state.intake.callbackNumber = callerId;
  const first = nextField(config, state);
  state.asked = first;
  const parts = [say.greeting(config), say.disclosure(config)];
  if (first) parts.push(say.question(first, config));
  return speak(ctx, state, parts, 'listen');
}

/** One caller turn in, the assistant's answer out. A turn after the call ended changes nothing. */
export function hearCaller(ctx: CallContext, previous: CallState, words: string): Step {
  if (previous.ended) return { state: previous, say: '', action: 'hangup' };
  const { config } = ctx;
  const state = copyState(previous);
  const { text, removed } = sanitizeCallerText(words.slice(0, 2000));
  const canon = canonical(text);
  state.transcript.push({ role: 'caller', text });
  state.heard = state.heard ? `${state.heard} . ${canon}` : canon;
  const asked = state.asked;
  const newHazards = detectHazardsInTurn(canon, state.heard).filter((h) => !state.hazards.includes(h));
  const pushes = newHazards.length ? [] : detectPushes(canon);
  // a hazard in these very words, or a question of the caller's own, is not a bare answer ("what do you
  // think is wrong" is no name, "oh wait now i smell gas" no address); a cold spell that completes an
  // earlier "no heat" is (the turn may well be "jane doe, and its 5 degrees out")
  const hazardInTurn = newHazards.length > 0 && detectHazardsCanonical(canon).length > 0;
  const answersQuestion = !hazardInTurn && !isCallerQuestion(text, canon, pushes.length > 0);
  const gotAnswer = readFields(config, state, text, canon, asked, answersQuestion);

  const parts: string[] = [];
  if (removed.length) parts.push(say.LINES.sensitiveDropped);

  if (newHazards.length) {
    state.hazards.push(...newHazards);
    state.disposition = 'safety_escalation';
    for (const hazard of newHazards) {
      const script = say.safetyScript(config, hazard);
      state.scripts.push({ hazard, id: script.id, version: script.version });
      parts.push(script.text);
    }
    if (newHazards.some((h) => say.LEAVE_NOW.has(h))) {
      parts.push(say.LINES.handoffLeaveNow);
      return end(ctx, state, parts, 'hangup');
    }
    parts.push(say.LINES.handoffStay);
  } else if (!state.hazards.length && state.outOfScope && !state.categoryId) {
    state.disposition = 'out_of_scope';
    parts.push(say.outOfScope(config, state.outOfScope.label));
    return end(ctx, state, parts, 'hangup');
  } else if (!state.hazards.length && state.intake.zipCode && !inServiceArea(config, state.intake.zipCode)) {
    state.disposition = 'out_of_area';
    parts.push(say.outOfArea(config));
    return end(ctx, state, parts, 'hangup');
  }

  const declined = asked === 'preferredWindow' && state.intake.preferredWindow ? [] : pushes;
  if (asked === 'preferredWindow' && state.intake.preferredWindow) parts.push(say.LINES.preferenceNoted);
  else for (const push of declined) parts.push(say.DECLINES[push]);
  if (asked && !gotAnswer && !state.skipped.includes(asked)) {
    if (declined.length || removed.length) {
      // the caller asked something, or offered what we must not keep, instead of answering: decline or say
      // it was dropped, then ask again (not a missed answer, so no "didn't catch that")
      parts.push(say.question(asked, config));
      return speak(ctx, state, parts, 'listen');
    }
    state.attempts[asked] = (state.attempts[asked] ?? 0) + 1;
    if (state.attempts[asked]! < 2 && !newHazards.length) {
      parts.push(say.LINES.reask, say.question(asked, config));
      return speak(ctx, state, parts, 'listen');
    }
    state.skipped.push(asked);
  }
  const next = nextField(config, state);
  state.asked = next;
  if (next) {
    parts.push(say.question(next, config));
    return speak(ctx, state, parts, 'listen');
  }
  return finish(ctx, state, parts);
}

/** The caller hung up, or the script ran out: settle the disposition without saying more. */
export function hangUp(ctx: CallContext, previous: CallState): CallState {
  if (previous.ended) return previous;
  const state = copyState(previous);
  state.ended = true;
  state.disposition = settle(ctx.config, state);
  return state;
}

export function inServiceArea(config: BusinessConfig, zip: string): boolean {
  return config.serviceArea.zipCodes.includes(zip.trim());
}

/** Whether a recipient can be rung for a hand-off. */
export function onCallPhones(config: BusinessConfig): string[] {
  return config.recipients.filter((r) => r.phone && r.gets.includes('emergency')).map((r) => r.phone!);
}

function finish(ctx: CallContext, state: CallState, parts: string[]): Step {
  const { config } = ctx;
  const dial = onCallPhones(config).length > 0 ? 'dial' : 'hangup';
  if (state.hazards.length) {
    parts.push(say.LINES.handoffDone);
    return end(ctx, state, parts, dial);
  }
  state.disposition = settle(config, state);
  if (state.disposition === 'transfer_on_call') {
    parts.push(say.LINES.transferOnCall);
    return end(ctx, state, parts, dial);
  }
  parts.push(say.closing(config, state.afterHours));
  return end(ctx, state, parts, 'hangup');
}

function settle(config: BusinessConfig, state: CallState): Disposition {
  if (state.hazards.length) return 'safety_escalation';
  if (state.disposition) return state.disposition;
  if (state.outOfScope && !state.categoryId) return 'out_of_scope';
  if (state.intake.zipCode && !inServiceArea(config, state.intake.zipCode)) return 'out_of_area';
  if (state.afterHours && config.afterHours === 'emergencies_to_on_call' && state.urgent) return 'transfer_on_call';
  return 'message_taken';
}

function end(ctx: CallContext, state: CallState, parts: string[], action: NextAction): Step {
  state.ended = true;
  state.asked = null;
  state.disposition = settle(ctx.config, state);
  return speak(ctx, state, parts, action);
}

/** Every line passes the call guardrails before it is said; a blocked line is replaced and recorded. */
function speak(ctx: CallContext, state: CallState, parts: string[], action: NextAction): Step {
  const text = parts.join(' ');
  const checked = checkSpeech(text, ctx.guardrails, state.transcript.length, ctx.memoiseGuard !== false, ownNames(ctx.config));
  state.violations.push(...checked.violations);
  state.transcript.push({ role: 'assistant', text: checked.text });
  return { state, say: checked.text, action };
}

const OWN_NAMES = new WeakMap<BusinessConfig, string[]>();
/** The business's name and category labels: said as names, not as claims (see checkSpeech). */
function ownNames(config: BusinessConfig): string[] {
  let names = OWN_NAMES.get(config);
  if (!names) OWN_NAMES.set(config, (names = [config.business.name, ...config.categories.map((c) => c.label)]));
  return names;
}

function nextField(config: BusinessConfig, state: CallState): IntakeField | null {
  for (const field of config.intakeFields) {
    if (state.intake[field] === undefined && !state.skipped.includes(field)) return field;
  }
  return null;
}

const region = (config: BusinessConfig) => config.business.defaultRegion as CountryCode;

/** What carriers send for a withheld number (Twilio: anonymous, restricted, blocked, unavailable, unknown). */
const WITHHELD = new Set(['+266696687', '+7378742833', '+2562533', '+8656696', '+86282452253']);

/**
 * The caller ID as a callback number. A carrier's E.164 caller ID is taken as given (libphonenumber's
 * full validation is the slowest step of a call); anything else is parsed in the business's region.
 */
function callerIdNumber(raw: string | null | undefined, config: BusinessConfig): string | null {
  if (!raw || WITHHELD.has(raw)) return null;
  if (/^\+[1-9]\d{7,14}$/.test(raw)) return raw;
  const parsed = parsePhoneNumberFromString(raw, region(config));
  return parsed?.isValid() ? parsed.number : null;
}

const QUESTION_START = /^(?:(?:so|ok|okay|well|yeah|hey|and|but|oh|wait|sorry|hi|hello|listen)\s+)*(?:what|whats|how|hows|when|why|where|who|which|is|are|can|could|will|would|do|does|did|should|shall|may|might)\b/;

/** The caller asks something rather than answers: "what do you think is wrong", "can you guarantee…". */
function isCallerQuestion(text: string, canon: string, pushes: boolean): boolean {
  if (!QUESTION_START.test(canon)) return false;
  // "Will Smith" is a name; "will you be able to fix it" is a question
  return pushes || text.trim().endsWith('?') || canon.split(' ').length >= 4;
}

/**
 * Reads every allowed field from one turn; true when the field just asked got an answer. A bare answer
 * ("jane doe", "12 elm") counts only when `answersQuestion`; cued ones ("my name is…") always do.
 */
function readFields(config: BusinessConfig, state: CallState, text: string, canon: string, asked: IntakeField | null, answersQuestion: boolean): boolean {
  const allowed = new Set(config.intakeFields);
  const set = (field: IntakeField, value: string | null) => {
    if (value && allowed.has(field) && state.intake[field] === undefined) state.intake[field] = value;
  };
  if (asked === 'problem' && text.trim()) set('problem', problemText(config, allowed, text));
  const bare = answersQuestion ? asked : null;
  set('callbackNumber', readPhone(text, region(config)));
  set('zipCode', readZip(text, bare === 'zipCode'));
  set('serviceAddress', readAddress(text, bare === 'serviceAddress'));
  set('name', readName(text, bare === 'name'));
  set('propertyType', readPropertyType(text, bare === 'propertyType'));
  set('preferredWindow', readPreferredWindow(text, bare === 'preferredWindow'));

  // a category, once heard, stays; until then the whole story so far is matched again
  const answer = asked === 'category' ? matchCategoryCanonical(canon, config) : null;
  if (answer?.categoryId) state.categoryId = answer.categoryId;
  if (!state.categoryId) {
    const overall = matchCategoryCanonical(state.heard, config);
    state.categoryId = overall.categoryId;
    state.outOfScope = overall.categoryId ? null : overall.outOfScope;
  } else {
    state.outOfScope = null;
  }
  if (state.categoryId) set('category', state.categoryId);
  state.urgent = state.urgent || soundsUrgent(canon);
  return asked !== null && state.intake[asked] !== undefined;
}

const VOLUNTEERED: readonly VolunteeredField[] = ['name', 'callbackNumber', 'serviceAddress', 'zipCode'];

/**
 * The answer to "what can we help you with?", as said, less the values of fields the business does not
 * allow ("hi this is John Smith at 12 Elm Street, my sink is leaking" → "my sink is leaking" when it takes
 * no name or address): only allowed fields are captured (calls.md), and the problem reaches the summary.
 */
function problemText(config: BusinessConfig, allowed: ReadonlySet<IntakeField>, text: string): string {
  const notAllowed = VOLUNTEERED.filter((f) => !allowed.has(f));
  const kept = notAllowed.length ? cutVolunteered(text, notAllowed, region(config)) : text;
  return kept.trim().slice(0, 500);
}

/** States are plain JSON; a turn never mutates the one it was given (the webhook's store may hold it). */
function copyState(s: CallState): CallState {
  // spelled out rather than spread: one object shape for every state keeps this cheap on the hot path
  return {
    callId: s.callId,
    now: s.now,
    callerNumber: s.callerNumber,
    afterHours: s.afterHours,
    localTime: s.localTime,
    holiday: s.holiday,
    transcript: s.transcript.slice(),
    heard: s.heard,
    intake: { ...s.intake },
    asked: s.asked,
    attempts: { ...s.attempts },
    skipped: s.skipped.slice(),
    hazards: s.hazards.slice(),
    scripts: s.scripts.slice(),
    categoryId: s.categoryId,
    outOfScope: s.outOfScope,
    urgent: s.urgent,
    disposition: s.disposition,
    ended: s.ended,
    violations: s.violations.slice(),
  };
}
