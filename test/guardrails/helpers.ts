import { guard, type Finding } from '../../src/guardrails/index.ts';
import { guardrailSettingsSchema, type GuardrailSettings } from '../../src/guardrails/settings.ts';

export const settings = (input: unknown = {}): GuardrailSettings => guardrailSettingsSchema.parse(input);
export const defaults = settings();

/** The findings of one type, as [matched text, start, end]. */
export function found(text: string, type: Finding['type'], s: GuardrailSettings = defaults, options = {}): [string, number, number][] {
  return guard(text, s, options)
    .findings.filter((f) => f.type === type)
    .map((f) => [text.slice(f.start, f.end), f.start, f.end]);
}
