// PLACEHOLDER, replaced by the guardrails library (issue 4): same signature.
import type { GuardOptions, GuardResult } from './types.ts';
import type { GuardrailSettings } from './settings.ts';
import { detectCallFindings } from './detectors/call.ts';

export type { GuardOptions, GuardResult, Finding, FindingType, GuardKind } from './types.ts';
export { guardrailSettingsSchema, defaultGuardrailSettings, type GuardrailSettings } from './settings.ts';

/** Checks one text that is about to reach a person. */
export function guard(text: string, settings: GuardrailSettings, options: GuardOptions = {}): GuardResult {
  void settings;
  const findings = options.kind === 'call' ? detectCallFindings(text) : [];
  return { verdict: findings.length ? 'blocked' : 'pass', findings, text: findings.length ? null : text };
}
