import { z } from 'zod';
import { EXIT, describeInputError, errorRecord, readJsonFile, readJsonLines, writeOut } from '../cli/jsonl.ts';
import { InputError, parseOrThrow } from '../errors.ts';
import { guard } from './index.ts';
import { defaultGuardrailSettings, guardrailSettingsSchema, type GuardrailSettings } from './settings.ts';

/** One input line of `gatehouse guard` (extra fields are ignored). */
export const guardLineSchema = z.object({
  id: z.union([z.string(), z.number()]).optional(),
  text: z.string(),
  kind: z.enum(['reply', 'call']).default('reply'),
  intent: z.string().optional(),
});

const GUARDRAIL_KEYS = new Set(Object.keys(guardrailSettingsSchema.shape));

/**
 * `--settings` takes either org settings (their `guardrails` key applies) or the guardrails object
 * itself: an object whose keys are all guardrail keys (pii, blockedPatterns, tone, required) is the latter.
 */
export function guardrailsFromSettingsFile(value: unknown): GuardrailSettings {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new InputError([{ field: '', message: 'settings must be a JSON object' }]);
  const keys = Object.keys(value);
  if (keys.length > 0 && keys.every((k) => GUARDRAIL_KEYS.has(k))) return parseOrThrow(guardrailSettingsSchema, value);
  return parseOrThrow(guardrailSettingsSchema, (value as { guardrails?: unknown }).guardrails ?? {}, 'guardrails');
}

export interface GuardTally {
  pass: number;
  redacted: number;
  blocked: number;
  invalid: number;
}

/**
 * `gatehouse guard texts.jsonl|- [--settings settings.json]`: one output line per input line, in order.
 * Exit 0 when every line was checked, 1 when a line was invalid (named on stderr, an error record on
 * stdout, the other lines still checked), 2 when the settings cannot be used (nothing is checked).
 */
export async function runGuard(file: string, options: { settings?: string } = {}): Promise<number> {
  let settings = defaultGuardrailSettings;
  if (options.settings) {
    try {
      settings = guardrailsFromSettingsFile(await readJsonFile(options.settings));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      for (const line of describeInputError(error)) process.stderr.write(`gatehouse: ${options.settings}: ${line}\n`);
      return EXIT.usage;
    }
  }
  const tally: GuardTally = { pass: 0, redacted: 0, blocked: 0, invalid: 0 };
  for await (const entry of readJsonLines(file)) {
    let record: Record<string, unknown>;
    if (entry.error) {
      record = errorRecord(entry.error);
      report(entry.error);
      tally.invalid += 1;
    } else {
      const id = (entry.value as { id?: unknown } | null)?.id;
      try {
        const input = parseOrThrow(guardLineSchema, entry.value);
        const result = guard(input.text, settings, { kind: input.kind, intent: input.intent });
        tally[result.verdict] += 1;
        record = { id: input.id ?? null, ...result };
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        const located = error.atLine(entry.line);
        record = errorRecord(located, id);
        report(located);
        tally.invalid += 1;
      }
    }
    await writeOut(JSON.stringify(record) + '\n');
  }
  process.stderr.write(
    `guard: ${tally.pass + tally.redacted + tally.blocked} checked (${tally.pass} pass, ${tally.redacted} redacted, ${tally.blocked} blocked), ${tally.invalid} invalid\n`,
  );
  return tally.invalid > 0 ? EXIT.invalidInput : EXIT.ok;
}

function report(error: InputError): void {
  for (const line of describeInputError(error)) process.stderr.write(`${line}\n`);
}
