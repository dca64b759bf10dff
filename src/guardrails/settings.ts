import { z } from 'zod';
import { merchantRegexProblem } from './regex.ts';

export const PII_TYPES = ['email', 'phone', 'credit_card', 'ssn', 'ip_address'] as const;
export type PiiType = (typeof PII_TYPES)[number];
export const PATTERN_CATEGORIES = ['competitor', 'prohibited', 'legal', 'internal', 'custom'] as const;

const blockedPattern = z
  .strictObject({
    id: z.string().min(1),
    category: z.enum(PATTERN_CATEGORIES).default('custom'),
    kind: z.enum(['word', 'phrase', 'regex']),
    pattern: z.string().min(1),
  })
  .superRefine((p, ctx) => {
    if (p.kind !== 'regex') return;
    const problem = merchantRegexProblem(p.pattern);
    if (problem) ctx.addIssue({ code: 'custom', path: ['pattern'], message: problem });
  });

const requiredRule = z.strictObject({
  id: z.string().min(1),
  when: z.strictObject({ intents: z.array(z.string()).optional() }).default({}),
  mustMatch: z.string().min(1),
  text: z.string(),
  mode: z.enum(['append', 'block']).default('append'),
});

/** `guardrails` inside org settings; every key has a safe default. */
export const guardrailSettingsSchema = z.strictObject({
  pii: z
    .strictObject({
      types: z.array(z.enum(PII_TYPES)).default([...PII_TYPES]),
      action: z.enum(['redact', 'block']).default('redact'),
      allow: z.array(z.string()).default([]),
      defaultRegion: z
        .string()
        .regex(/^[A-Z]{2}$/, 'a two-letter country code such as "US"')
        .default('US'),
    })
    .prefault({}),
  blockedPatterns: z.array(blockedPattern).default([]),
  tone: z
    .strictObject({
      profanity: z.boolean().default(true),
      threat: z.boolean().default(true),
      discrimination: z.boolean().default(true),
      allCaps: z.boolean().default(true),
      aggressive: z.boolean().default(true),
    })
    .prefault({}),
  required: z.array(requiredRule).default([]),
});

export type GuardrailSettings = z.output<typeof guardrailSettingsSchema>;
export type BlockedPattern = GuardrailSettings['blockedPatterns'][number];
export type RequiredRule = GuardrailSettings['required'][number];

export const defaultGuardrailSettings: GuardrailSettings = guardrailSettingsSchema.parse({});
