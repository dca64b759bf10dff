// Business configuration (calls.md): the schema is the truth; every error names its field.
import { z } from 'zod';
import { IANAZone } from 'luxon';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import validator from 'validator';
import { parseOrThrow } from '../errors.ts';

export const INTAKE_FIELDS = ['problem', 'name', 'callbackNumber', 'serviceAddress', 'zipCode', 'category', 'propertyType', 'preferredWindow'] as const;
export type IntakeField = (typeof INTAKE_FIELDS)[number];

export const HAZARDS = ['gas', 'carbon_monoxide', 'electrical', 'flooding', 'no_heat'] as const;
export type Hazard = (typeof HAZARDS)[number];

export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** Routing keys a recipient can ask for besides a category id. */
export const ROUTES = ['all', 'emergency', 'after_hours'] as const;

const TIME = /^([01]\d|2[0-4]):([0-5]\d)$/;
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** "08:00-17:00": a same-day opening; 24:00 may close a day. An overnight shift is two ranges on two days. */
const timeRange = z.string().superRefine((value, ctx) => {
  const parts = value.split('-');
  const [from, to] = parts;
  if (parts.length !== 2 || !TIME.test(from) || !TIME.test(to)) {
    ctx.addIssue({ code: 'custom', message: `"${value}" is not a time range like "08:00-17:00" (24-hour clock, 00:00 to 24:00)` });
  } else if (minutesOf(from) > 24 * 60 || minutesOf(to) > 24 * 60) {
    ctx.addIssue({ code: 'custom', message: `"${value}" goes past 24:00` });
  } else if (minutesOf(from) >= minutesOf(to)) {
    ctx.addIssue({ code: 'custom', message: `"${value}" closes before it opens; split an overnight shift across two days` });
  }
});

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like "2026-12-25"').refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'not a real date');

const safetyScriptOverride = z.strictObject({
  id: z.string().min(1).optional(),
  version: z.string().min(1),
  text: z.string().min(1),
});

const category = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_-]*$/, 'a lower-case id such as "plumbing"'),
  label: z.string().min(1),
  /** extra words that point to this category, on top of the built-in ones for known trades */
  keywords: z.array(z.string().min(2)).default([]),
});

const recipient = z.strictObject({
  id: z.string().min(1),
  name: z.string().optional(),
  email: z.string().refine((e) => validator.isEmail(e), 'not an e-mail address').optional(),
  phone: z.string().optional(),
  /** `all`, `emergency`, `after_hours`, or category ids */
  gets: z.array(z.string().min(1)).min(1, 'say what this recipient gets: "all", "emergency", "after_hours" or a category id'),
}).refine((r) => r.email !== undefined || r.phone !== undefined, 'a recipient needs an email or a phone');

const day = z.array(timeRange).default([]);
const hoursSchema = z.strictObject({ mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day, holidays: z.array(isoDate).default([]) });

export const businessConfigSchema = z
  .strictObject({
    business: z.strictObject({
      name: z.string().min(1),
      timezone: z.string().refine((tz) => IANAZone.isValidZone(tz), 'unknown IANA timezone (e.g. "America/Chicago")'),
      defaultRegion: z.string().regex(/^[A-Z]{2}$/, 'a two-letter country code such as "US"').default('US'),
    }),
    categories: z.array(category).min(1, 'at least one category the business serves'),
    serviceArea: z.strictObject({ zipCodes: z.array(z.string().regex(/^[A-Za-z0-9 -]{3,10}$/, 'a postal code')).min(1) }),
    hours: hoursSchema,
    intakeFields: z.array(z.enum(INTAKE_FIELDS, { error: (i) => `unknown intake field ${JSON.stringify(i.input)}; allowed: ${INTAKE_FIELDS.join(', ')}` })).min(1),
    afterHours: z.enum(['take_message', 'emergencies_to_on_call']).default('take_message'),
    recipients: z.array(recipient).min(1, 'at least one recipient for call summaries'),
    wording: z
      .strictObject({ greeting: z.string().min(1).optional(), disclosure: z.string().min(1).optional(), closing: z.string().min(1).optional() })
      .default({}),
    safetyScripts: z.strictObject(Object.fromEntries(HAZARDS.map((h) => [h, safetyScriptOverride.optional()]))).default({}) as z.ZodType<
      Partial<Record<Hazard, z.output<typeof safetyScriptOverride>>>
    >,
  })
  .superRefine((config, ctx) => {
    const region = config.business.defaultRegion as CountryCode;
    const categoryIds = new Set(config.categories.map((c) => c.id));
    duplicates(config.categories.map((c) => c.id)).forEach((i) => ctx.addIssue({ code: 'custom', path: ['categories', i, 'id'], message: 'duplicate category id' }));
    duplicates(config.intakeFields).forEach((i) => ctx.addIssue({ code: 'custom', path: ['intakeFields', i], message: 'asked twice' }));
    duplicates(config.recipients.map((r) => r.id)).forEach((i) => ctx.addIssue({ code: 'custom', path: ['recipients', i, 'id'], message: 'duplicate recipient id' }));
    if (!config.intakeFields.includes('problem')) {
      ctx.addIssue({ code: 'custom', path: ['intakeFields'], message: 'must include "problem": hazards and categories are heard there' });
    }
    config.recipients.forEach((r, i) => {
      if (r.phone && !parsePhoneNumberFromString(r.phone, region)?.isValid()) {
        ctx.addIssue({ code: 'custom', path: ['recipients', i, 'phone'], message: `not a valid phone number for ${region}` });
      }
      r.gets.forEach((g, j) => {
        if (!(ROUTES as readonly string[]).includes(g) && !categoryIds.has(g)) {
          ctx.addIssue({ code: 'custom', path: ['recipients', i, 'gets', j], message: `unknown route "${g}"; use all, emergency, after_hours or a category id` });
        }
      });
    });
    const emergency = config.recipients.filter((r) => r.gets.includes('emergency') || r.gets.includes('all'));
    if (emergency.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['recipients'], message: 'no recipient gets "emergency" (or "all"): hazard hand-offs would reach nobody' });
    }
    if (config.afterHours === 'emergencies_to_on_call' && !config.recipients.some((r) => r.phone && r.gets.includes('emergency'))) {
      ctx.addIssue({ code: 'custom', path: ['afterHours'], message: 'emergencies_to_on_call needs a recipient with a phone that gets "emergency"' });
    }
    config.serviceArea.zipCodes.forEach((zip, i) => {
      if (region === 'US' && !/^\d{5}$/.test(zip)) ctx.addIssue({ code: 'custom', path: ['serviceArea', 'zipCodes', i], message: 'a five-digit US ZIP code' });
    });
  });

export type BusinessConfig = z.output<typeof businessConfigSchema>;
export type Recipient = BusinessConfig['recipients'][number];
export type Category = BusinessConfig['categories'][number];

/** Validates a business configuration or throws an InputError naming the field (`recipients[1]`, `hours.mon[0]`). */
export function parseBusinessConfig(value: unknown, prefix = ''): BusinessConfig {
  return parseOrThrow(businessConfigSchema, value, prefix);
}

function duplicates(values: readonly string[]): number[] {
  const seen = new Set<string>();
  const out: number[] = [];
  values.forEach((v, i) => (seen.has(v) ? out.push(i) : seen.add(v)));
  return out;
}
