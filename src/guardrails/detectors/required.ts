import type { RequiredRule } from '../settings.ts';
import type { Finding } from '../types.ts';
import { normaliseTerm } from '../match/words.ts';

export interface RequiredOutcome {
  findings: Finding[];
  /** what to append to the reply, in rule order ('' when nothing) */
  append: string;
}

export type RequiredDetector = (words: string, textLength: number, intent: string | undefined) => RequiredOutcome;

/**
 * Required content per intent. `mustMatch` is a phrase looked for case-insensitively in the normalised
 * reply (whitespace collapsed). A rule without intents applies to every reply; a rule with intents
 * applies only when the caller says which intent the reply answers.
 */
export function compileRequired(rules: readonly RequiredRule[]): RequiredDetector {
  if (rules.length === 0) return () => ({ findings: [], append: '' });
  const compiled = rules.map((rule) => ({ rule, needle: normaliseTerm(rule.mustMatch).text }));
  return function required(words, textLength, intent) {
    const findings: Finding[] = [];
    const appended: string[] = [];
    let collapsed: string | null = null;
    for (const { rule, needle } of compiled) {
      const intents = rule.when.intents;
      if (intents && intents.length > 0 && (intent === undefined || !intents.includes(intent))) continue;
      collapsed ??= words.replace(/\s+/g, ' ');
      if (collapsed.includes(needle)) continue;
      const hard = rule.mode === 'block';
      findings.push({ type: 'missing_required', start: textLength, end: textLength, severity: hard ? 'hard' : 'soft', rule: `required.${rule.id}` });
      if (!hard && rule.text) appended.push(rule.text);
    }
    return { findings, append: appended.join('\n\n') };
  };
}
