// The settings form <-> the settings object. Parsing only: validation is the service's (its
// errors name the field path, which this module maps back to the input that holds it).
import { INTENTS, RISK_LEVELS, type Settings } from '../tickets/settings.ts';
import { PII_TYPES } from '../guardrails/settings.ts';
import type { FieldIssue } from '../errors.ts';

export type FieldKind = 'number' | 'bool' | 'text' | 'list' | 'lines' | 'choice' | 'multi' | 'json';

export interface FieldSpec {
  /** the settings path, also the input's name: `actions.refund.autoApproveMax` */
  name: string;
  label: string;
  kind: FieldKind;
  options?: readonly string[];
  help?: string;
  step?: string;
}

export interface Section {
  title: string;
  fields: FieldSpec[];
}

const actionFields = (t: 'refund' | 'cancel' | 'exchange'): FieldSpec[] => [
  { name: `actions.${t}.enabled`, label: `${t[0].toUpperCase()}${t.slice(1)}s allowed`, kind: 'bool' },
  { name: `actions.${t}.autoApproveMax`, label: `Auto-execute up to ($)`, kind: 'number', step: '0.01', help: 'above this a person approves' },
  { name: `actions.${t}.blockAbove`, label: `Block above ($)`, kind: 'number', step: '0.01', help: 'above this nothing executes' },
];

export const SECTIONS: Section[] = [
  { title: 'Refunds', fields: actionFields('refund') },
  { title: 'Cancellations', fields: actionFields('cancel') },
  { title: 'Exchanges', fields: actionFields('exchange') },
  {
    title: 'Approval',
    fields: [
      { name: 'classification.minConfidence', label: 'Minimum classification confidence (0–1)', kind: 'number', step: '0.01', help: 'below it a person reviews the ticket' },
      { name: 'firstTimeApproval', label: 'A person approves the first action of each type', kind: 'bool' },
      { name: 'maxOrderAgeDays', label: 'Maximum order age (days)', kind: 'number' },
      { name: 'vipTags', label: 'VIP customer tags (comma-separated)', kind: 'list' },
      { name: 'vipMultiplier', label: 'VIP threshold multiplier', kind: 'number', step: '0.1' },
      { name: 'shortCircuit.intents', label: 'Answered by a person, no reply drafted', kind: 'multi', options: INTENTS },
    ],
  },
  {
    title: 'Limits',
    fields: [
      { name: 'limits.orgActionsPerHour', label: 'Actions per hour, whole organisation', kind: 'number' },
      { name: 'limits.customerActions', label: 'Actions per customer in the window', kind: 'number' },
      { name: 'limits.customerWindowDays', label: 'Customer window (days)', kind: 'number' },
    ],
  },
  {
    title: 'Abuse and risk',
    fields: [
      { name: 'abuse.windowDays', label: 'History window (days)', kind: 'number' },
      { name: 'abuse.maxRefunds', label: 'Refunds before review', kind: 'number' },
      { name: 'abuse.maxDamageClaims', label: 'Damage claims before review', kind: 'number' },
      { name: 'abuse.maxRefundRatio', label: 'Maximum refunded share of spend (0–1)', kind: 'number', step: '0.01' },
      { name: 'risk.reviewLevels', label: 'Risk signal levels sent to review', kind: 'multi', options: RISK_LEVELS },
    ],
  },
  {
    title: 'Reply guardrails: PII and tone',
    fields: [
      { name: 'guardrails.pii.types', label: 'Personal data detected', kind: 'multi', options: PII_TYPES },
      { name: 'guardrails.pii.action', label: 'When found', kind: 'choice', options: ['redact', 'block'] },
      { name: 'guardrails.pii.allow', label: 'Allowed values (one per line, e.g. your support address)', kind: 'lines' },
      { name: 'guardrails.pii.defaultRegion', label: 'Default phone region', kind: 'text' },
      { name: 'guardrails.tone.profanity', label: 'Block profanity', kind: 'bool' },
      { name: 'guardrails.tone.threat', label: 'Block threats', kind: 'bool' },
      { name: 'guardrails.tone.discrimination', label: 'Block discriminatory language', kind: 'bool' },
      { name: 'guardrails.tone.allCaps', label: 'Block all-caps replies', kind: 'bool' },
      { name: 'guardrails.tone.aggressive', label: 'Block aggressive phrasing', kind: 'bool' },
    ],
  },
  {
    title: 'Blocked patterns, required content and rules (JSON)',
    fields: [
      { name: 'guardrails.blockedPatterns', label: 'Blocked patterns', kind: 'json', help: '[{"id":"no-competitors","category":"competitor","kind":"word","pattern":"acme"}]' },
      { name: 'guardrails.required', label: 'Required content', kind: 'json', help: '[{"id":"policy","when":{"intents":["refund_request"]},"mustMatch":"refund policy","text":"See our refund policy.","mode":"append"}]' },
      { name: 'escalationRules', label: 'Escalation rules', kind: 'json', help: '[{"id":"big-orders","priority":10,"when":{"fact":"actionTotal","operator":"greaterThan","value":100},"then":"approve"}]' },
    ],
  },
];

export const ALL_FIELDS: FieldSpec[] = SECTIONS.flatMap((s) => s.fields);

export type FormValues = Record<string, string | string[]>;

export function getPath(obj: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
}

function setPath(obj: Record<string, unknown>, path: string, value: unknown) {
  const keys = path.split('.');
  let o = obj;
  for (const k of keys.slice(0, -1)) {
    if (!o[k] || typeof o[k] !== 'object') o[k] = {};
    o = o[k] as Record<string, unknown>;
  }
  o[keys[keys.length - 1]] = value;
}

/** What each input shows for the given settings. */
export function valuesOf(settings: Settings): FormValues {
  const out: FormValues = {};
  for (const f of ALL_FIELDS) {
    const v = getPath(settings, f.name);
    if (f.kind === 'multi') out[f.name] = ((v as string[]) ?? []).map(String);
    else if (f.kind === 'list') out[f.name] = ((v as string[]) ?? []).join(', ');
    else if (f.kind === 'lines') out[f.name] = ((v as string[]) ?? []).join('\n');
    else if (f.kind === 'json') out[f.name] = JSON.stringify(v ?? [], null, 2);
    else if (f.kind === 'bool') out[f.name] = v ? 'on' : '';
    else out[f.name] = v === undefined || v === null ? '' : String(v);
  }
  return out;
}

const NUMBER = /^-?\d+(\.\d+)?$/;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] ?? '' : v ?? '');

/**
 * The submitted form as a settings object over `base` (mode and kill switch stay as they are).
 * A number that does not parse is passed on as typed, so the service's error names its field;
 * only JSON that does not parse is reported here.
 */
export function settingsFromForm(form: FormValues, base: Settings): { value: Record<string, unknown>; issues: FieldIssue[] } {
  const value = structuredClone(base) as unknown as Record<string, unknown>;
  const issues: FieldIssue[] = [];
  for (const f of ALL_FIELDS) {
    const raw = form[f.name];
    let v: unknown;
    switch (f.kind) {
      case 'number': {
        const s = one(raw).trim();
        v = NUMBER.test(s) ? Number(s) : s;
        break;
      }
      case 'bool': v = one(raw) === 'on' || one(raw) === 'true'; break;
      case 'text': v = one(raw).trim(); break;
      case 'choice': v = one(raw); break;
      case 'list': v = one(raw).split(',').map((s) => s.trim()).filter(Boolean); break;
      case 'lines': v = one(raw).split(/\r?\n/).map((s) => s.trim()).filter(Boolean); break;
      case 'multi': v = raw === undefined ? [] : (Array.isArray(raw) ? raw : [raw]).filter(Boolean); break;
      case 'json': {
        const s = one(raw).trim();
        try {
          v = s ? JSON.parse(s) : [];
        } catch (error) {
          issues.push({ field: f.name, message: `not valid JSON: ${(error as Error).message}` });
          continue;
        }
      }
    }
    setPath(value, f.name, v);
  }
  return { value, issues };
}

/** The input an error belongs to: `settings.escalationRules[0].when` → `escalationRules`. */
export function fieldOf(errorField: string): string | null {
  const path = errorField.replace(/^settings\.?/, '');
  const hit = ALL_FIELDS.filter((f) => path === f.name || path.startsWith(f.name + '.') || path.startsWith(f.name + '[')).sort((a, b) => b.name.length - a.name.length)[0];
  return hit?.name ?? null;
}

/** Errors grouped by input name; those that fit no input under ''. */
export function errorsByField(issues: readonly FieldIssue[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const i of issues) {
    const name = fieldOf(i.field) ?? '';
    const path = i.field.replace(/^settings\.?/, '');
    const text = path && path !== name ? `${path}: ${i.message}` : i.message;
    (out[name] ??= []).push(text);
  }
  return out;
}
