import { z } from 'zod';
import { guardrailSettingsSchema } from '../guardrails/settings.ts';
import { InputError, fieldPath, fromZodError } from '../errors.ts';
import { ruleConditionSchema } from './rules.ts';

export const INTENTS = [
  'order_status', 'refund_request', 'cancel_order', 'exchange_request',
  'human_request', 'general_inquiry', 'spam',
] as const;
export type Intent = (typeof INTENTS)[number];

export const ACTION_TYPES = ['refund', 'cancel', 'exchange'] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

export const RISK_LEVELS = ['low', 'medium', 'high', 'critical'] as const;

const money = z.number().finite().nonnegative();
const count = z.number().int().nonnegative();

const actionSettings = z
  .strictObject({ enabled: z.boolean(), autoApproveMax: money, blockAbove: money })
  .refine((a) => a.blockAbove >= a.autoApproveMax, {
    path: ['blockAbove'],
    message: 'must be at least autoApproveMax',
  });

export const escalationRuleSchema = z.strictObject({
  id: z.string().min(1),
  priority: z.number().finite().default(0),
  when: ruleConditionSchema,
  then: z.enum(['review', 'approve', 'block']),
});
export type EscalationRule = z.output<typeof escalationRuleSchema>;

/** The whole, merged org settings. Every field is required here: defaults come from DEFAULT_SETTINGS. */
export const settingsSchema = z.strictObject({
  mode: z.enum(['shadow', 'live']),
  killSwitch: z.boolean(),
  classification: z.strictObject({ minConfidence: z.number().min(0).max(1) }),
  shortCircuit: z.strictObject({ intents: z.array(z.enum(INTENTS)) }),
  abuse: z.strictObject({
    windowDays: z.number().finite().positive(),
    maxRefunds: count,
    maxDamageClaims: count,
    maxRefundRatio: z.number().finite().nonnegative(),
  }),
  risk: z.strictObject({ reviewLevels: z.array(z.enum(RISK_LEVELS)) }),
  escalationRules: z.array(escalationRuleSchema).superRefine((rules, ctx) => {
    const seen = new Set<string>();
    rules.forEach((rule, i) => {
      if (seen.has(rule.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate rule id "${rule.id}"` });
      seen.add(rule.id);
    });
  }),
  actions: z.strictObject({ refund: actionSettings, cancel: actionSettings, exchange: actionSettings }),
  vipTags: z.array(z.string()),
  vipMultiplier: z.number().finite().positive(),
  maxOrderAgeDays: z.number().finite().nonnegative(),
  limits: z.strictObject({
    orgActionsPerHour: count,
    customerActions: count,
    customerWindowDays: z.number().finite().positive(),
  }),
  firstTimeApproval: z.boolean(),
  guardrails: guardrailSettingsSchema,
});
export type Settings = z.output<typeof settingsSchema>;

/** Safe defaults: a new org starts in shadow mode with every gate on (tickets.md). */
export const DEFAULT_SETTINGS_INPUT = {
  mode: 'shadow',
  killSwitch: false,
  classification: { minConfidence: 0.8 },
  shortCircuit: { intents: ['spam', 'human_request', 'general_inquiry'] },
  abuse: { windowDays: 90, maxRefunds: 3, maxDamageClaims: 2, maxRefundRatio: 0.5 },
  risk: { reviewLevels: ['high', 'critical'] },
  escalationRules: [],
  actions: {
    refund: { enabled: true, autoApproveMax: 50, blockAbove: 200 },
    cancel: { enabled: true, autoApproveMax: 50, blockAbove: 200 },
    exchange: { enabled: true, autoApproveMax: 50, blockAbove: 200 },
  },
  vipTags: ['vip'],
  vipMultiplier: 1.5,
  maxOrderAgeDays: 60,
  limits: { orgActionsPerHour: 100, customerActions: 2, customerWindowDays: 30 },
  firstTimeApproval: true,
  guardrails: {},
} as const;

export const DEFAULT_SETTINGS: Settings = settingsSchema.parse(DEFAULT_SETTINGS_INPUT);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Objects merge key by key; arrays and scalars in `patch` replace what `base` had. */
export function deepMerge(base: unknown, patch: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch === undefined ? base : patch;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    out[key] = deepMerge(base[key], value);
  }
  return out;
}

const settingsCache = new Map<string, Settings>();

// The last few distinct partial settings (as their JSON round trip) and their result: a replay
// line's settings are compared with these in place, before paying for a JSON.stringify key.
const RECENT_SETTINGS = 8;
const recentSettings: { json: unknown; settings: Settings }[] = [];
let nextRecent = 0;

function recentlyResolved(partial: unknown): Settings | undefined {
  for (const recent of recentSettings) if (sameJson(partial, recent.json)) return recent.settings;
  return undefined;
}

function rememberRecent(key: string, settings: Settings): void {
  recentSettings[nextRecent] = { json: JSON.parse(key), settings };
  nextRecent = (nextRecent + 1) % RECENT_SETTINGS;
}

/**
 * True only when `value` would serialise to the same JSON text as `json` (a JSON.parse result):
 * plain objects with the same keys in the same order, arrays of the same length, equal primitives.
 * Anything else (a class instance, undefined, NaN, a hole) is "not the same": a cache miss, never a wrong hit.
 */
function sameJson(value: unknown, json: unknown): boolean {
  if (value === json) return true;
  if (typeof value !== 'object' || value === null || typeof json !== 'object' || json === null) return false;
  if (Array.isArray(json)) {
    if (!Array.isArray(value) || value.length !== json.length) return false;
    for (let i = 0; i < json.length; i++) if (!(i in value) || !sameJson(value[i], json[i])) return false;
    return true;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  const keys = Object.keys(value);
  const jsonKeys = Object.keys(json);
  if (keys.length !== jsonKeys.length) return false;
  for (let i = 0; i < keys.length; i++) {
    if (keys[i] !== jsonKeys[i] || !sameJson((value as Record<string, unknown>)[keys[i]], (json as Record<string, unknown>)[keys[i]])) return false;
  }
  return true;
}

/**
 * zod's errors naming each field; an unknown key (a typo such as `autoAproveMax`) is named by its
 * own path rather than its parent's, one issue per key.
 */
function settingsError(error: z.ZodError): InputError {
  const issues = error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ field: fieldPath([...issue.path, key]), message: `unknown setting "${key}"` }))
      : fromZodError(new z.ZodError([issue])).issues,
  );
  return new InputError(issues);
}

/**
 * Partial settings deep-merged over `base` (the defaults unless given), then validated.
 * An invalid value is an InputError naming the field (`actions.refund.autoApproveMax`), never a default.
 * Validated results are cached by their JSON text: replay files repeat the same settings on every line.
 */
export function resolveSettings(partial: unknown = {}, base: unknown = DEFAULT_SETTINGS_INPUT): Settings {
  if (partial !== undefined && partial !== null && !isPlainObject(partial)) {
    throw new InputError([{ field: '', message: 'settings must be an object' }]);
  }
  const onDefaults = base === DEFAULT_SETTINGS_INPUT;
  if (onDefaults) {
    const recent = recentlyResolved(partial ?? {});
    if (recent) return recent;
  }
  const key = onDefaults ? JSON.stringify(partial ?? {}) : undefined;
  if (key !== undefined) {
    const hit = settingsCache.get(key);
    if (hit) {
      rememberRecent(key, hit);
      return hit;
    }
  }
  const result = settingsSchema.safeParse(deepMerge(base, partial ?? {}));
  if (!result.success) throw settingsError(result.error);
  if (key !== undefined && settingsCache.size < 1000) settingsCache.set(key, result.data);
  if (key !== undefined) rememberRecent(key, result.data);
  return result.data;
}
