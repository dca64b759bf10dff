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
export function checkSpeech(text: string, settings: GuardrailSettings, turn: number, memoise = true, ownNames: readonly string[] = []): { text: string; violations: Violation[] } {
  const { masked, unmask } = maskOwnNames(text, ownNames);
  const result = guarded(masked, settings, memoise);
  const violations = result.findings.map((f) => ({ ...f, turn, text }));
  if (result.verdict === 'pass') return { text, violations };
  if (result.verdict === 'redacted' && result.text !== null) return { text: unmask(result.text), violations };
  return { text: LINES.fallback, violations };
}

/**
 * The business's own names (its name, its category labels) are proper nouns, not claims: "Guaranteed
 * Plumbing" or "Free Estimate Roofing" must not turn the greeting into a pricing or guarantee finding.
 * Each is swapped for a neutral word of the same length (so findings' offsets stay right) before the check.
 */
function maskOwnNames(text: string, names: readonly string[]): { masked: string; unmask: (s: string) => string } {
  const swaps: [string, string][] = [];
  let masked = text;
  [...new Set(names)]
    .filter((n) => n.trim().length >= 2)
    .sort((a, b) => b.length - a.length)
    .forEach((name, i) => {
      if (!masked.includes(name)) return;
      const neutral = 'qzjxkvw'[i % 7].repeat(name.length);
      masked = masked.split(name).join(neutral);
      swaps.push([neutral, name]);
    });
  return { masked, unmask: (s) => swaps.reduce((out, [neutral, name]) => out.split(neutral).join(name), s) };
}
