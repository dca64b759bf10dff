import { guard } from '../../guardrails/index.ts';
import { answerOf, pass, skip, type Gate } from './types.ts';

/** The reply, checked by the guardrails library: hard findings block, PII is redacted or blocks, required text is appended or blocks. */
export const outputGuardrails: Gate = {
  id: 'output_guardrails',
  run(ctx) {
    const answer = answerOf(ctx);
    if (!answer.reply) return skip('no reply drafted');
    const result = guard(answer.reply, ctx.settings.guardrails, { kind: 'reply', intent: answer.intent });
    const findings = result.findings;
    if (result.verdict === 'blocked' || result.text === null) {
      // rule ids and types only: the matched text may be PII and reasons end up in logs
      const rules = [...new Set(findings.filter((f) => f.severity === 'hard' || result.verdict === 'blocked').map((f) => f.rule))];
      return { verdict: 'block', reason: `the reply was refused by the guardrails (${rules.join(', ') || 'blocked'})`, findings, replyText: null };
    }
    return { ...pass(findings.length ? { verdict: result.verdict, findings: findings.length } : undefined), findings, replyText: result.text };
  },
};
