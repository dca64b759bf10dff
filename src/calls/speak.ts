// Every line the assistant says goes through the guardrails library (`kind: "call"`). Most lines are
// fixed wording, so results are memoised per settings object: guard() is pure for given settings.
import { guard } from '../guardrails/index.ts';
import type { GuardrailSettings } from '../guardrails/settings.ts';
import type { Finding } from '../guardrails/types.ts';
import { LINES } from './wording.ts';

/** A guardrail finding on something the assistant was about to say, with the transcript index it belongs to. */
export interface Violation extends Finding {
  turn: number;
  text: string;
}

const MEMO_LIMIT = 5_000;
const memo = new WeakMap<GuardrailSettings, Map<string, ReturnType<typeof guard>>>();

function guarded(text: string, settings: GuardrailSettings, memoise: boolean): ReturnType<typeof guard> {
  if (!memoise) return guard(text, settings, { kind: 'call' });
  let cache = memo.get(settings);
  if (!cache) memo.set(settings, (cache = new Map()));
  let result = cache.get(text);
  if (!result) {
    result = guard(text, settings, { kind: 'call' });
    if (cache.size >= MEMO_LIMIT) cache.clear();
    cache.set(text, result);
  }
  return result;
}

/**
 * The text as it will be said, and the findings it raised. A blocked line is replaced with a neutral one
 * (the caller never hears it); a redacted one is said redacted.
 */
export function checkSpeech(text: string, settings: GuardrailSettings, turn: number, memoise = true): { text: string; violations: Violation[] } {
  const result = guarded(text, settings, memoise);
  const violations = result.findings.map((f) => ({ ...f, turn, text }));
  if (result.verdict === 'pass') return { text, violations };
  if (result.verdict === 'redacted' && result.text !== null) return { text: result.text, violations };
  return { text: LINES.fallback, violations };
}
