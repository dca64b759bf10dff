import { guard } from '../../guardrails/index.ts';
import type { GuardResult } from '../../guardrails/types.ts';
import type { Settings } from '../settings.ts';
import { answerOf, pass, skip, type Gate } from './types.ts';

/** The reply, checked by the guardrails library: hard findings block, PII is redacted or blocks, required text is appended or blocks. */
export const outputGuardrails: Gate = {
  id: 'output_guardrails',
  run(ctx) {
    const answer = answerOf(ctx);
    if (!answer.reply) return skip('no reply drafted');
    const result = guardReply(answer.reply, ctx.settings.guardrails, answer.intent);
    const findings = result.findings;
    if (result.verdict === 'blocked' || result.text === null) {
      // rule ids and types only: the matched text may be PII and reasons end up in logs
      const rules = [...new Set(findings.filter((f) => f.severity === 'hard' || result.verdict === 'blocked').map((f) => f.rule))];
      return { verdict: 'block', reason: `the reply was refused by the guardrails (${rules.join(', ') || 'blocked'})`, findings, replyText: null };
    }
    return { ...pass(findings.length ? { verdict: result.verdict, findings: findings.length } : undefined), findings, replyText: result.text };
  },
};

type GuardrailSettings = Settings['guardrails'];

// guard() is pure in (text, settings, kind, intent), and a replay repeats the same drafted replies
// under the same settings object (resolveSettings caches it): remember recent results, frozen so a
// shared result cannot be changed by one decision's reader. Bounded: memory stays flat.
const CACHE_LIMIT = 5_000;
const remembered = new WeakMap<GuardrailSettings, Map<string, GuardResult>>();

export function guardReply(reply: string, settings: GuardrailSettings, intent: string): GuardResult {
  let cache = remembered.get(settings);
  if (!cache) remembered.set(settings, (cache = new Map()));
  const key = `${intent}\u0000${reply}`;
  let result = cache.get(key);
  if (!result) {
    result = guard(reply, settings, { kind: 'reply', intent });
    for (const f of result.findings) Object.freeze(f);
    Object.freeze(result.findings);
    Object.freeze(result);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, result);
  }
  return result;
}
