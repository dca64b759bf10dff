// A scripted call (calls.md): the business configuration (inline, or a path the CLI resolved), the
// instant the call happens, and the caller's turns. Running it is pure: same file in, same result out.
import { z } from 'zod';
import { parseOrThrow } from '../errors.ts';
import { defaultGuardrailSettings, guardrailSettingsSchema, type GuardrailSettings } from '../guardrails/settings.ts';
import { businessConfigSchema, type BusinessConfig } from './config.ts';
import { hangUp, hearCaller, openCall, type CallContext } from './engine.ts';
import { isValidInstant } from './hours.ts';
import { buildResult, type CallResult } from './result.ts';

export const scriptedCallSchema = z
  .strictObject({
    id: z.string().min(1),
    now: z.string().refine(isValidInstant, 'an ISO 8601 instant with an offset, e.g. "2026-01-10T23:30:00-06:00"'),
    callerNumber: z.string().nullable().optional(),
    config: z.unknown().optional(),
    configPath: z.string().min(1).optional(),
    /** guardrail settings for what the assistant says (defaults apply) */
    guardrails: z.unknown().optional(),
    turns: z.array(z.string()).max(200),
  })
  .refine((c) => c.config !== undefined || c.configPath !== undefined, { message: 'give "config" or "configPath"', path: ['config'] });

export type ScriptedCall = z.output<typeof scriptedCallSchema>;

export interface ResolvedCall {
  call: ScriptedCall;
  config: BusinessConfig;
  guardrails: GuardrailSettings;
}

/** Validates a scripted call whose configuration is already loaded (`loadedConfig` when it came from `configPath`). */
export function resolveCall(value: unknown, loadedConfig?: unknown): ResolvedCall {
  const call = parseOrThrow(scriptedCallSchema, value);
  const config = parseOrThrow(businessConfigSchema, call.config ?? loadedConfig, call.config !== undefined ? 'config' : 'configPath');
  const guardrails = call.guardrails === undefined ? defaultGuardrailSettings : parseOrThrow(guardrailSettingsSchema, call.guardrails, 'guardrails');
  return { call, config, guardrails };
}

/** Plays every turn; the call ends when the turns run out or the assistant ends it. */
export function simulateCall({ call, config, guardrails }: ResolvedCall, options: { memoiseGuard?: boolean } = {}): CallResult {
  const ctx: CallContext = { config, guardrails, memoiseGuard: options.memoiseGuard };
  let step = openCall(ctx, { callId: call.id, now: call.now, callerNumber: call.callerNumber });
  for (const turn of call.turns) {
    if (step.state.ended) break;
    step = hearCaller(ctx, step.state, turn);
  }
  return buildResult(config, hangUp(ctx, step.state));
}
