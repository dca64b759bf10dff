import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import type { GuardrailSettings, PiiType } from '../../settings.ts';
import { normalisePii } from '../../normalise/steps.ts';
import { originalSpan } from '../../normalise/mapped.ts';
import { findEmails } from './email.ts';
import { findPhones } from './phone.ts';
import { findCards } from './card.ts';
import { findSsns } from './ssn.ts';
import { findIps } from './ip.ts';
import type { PiiSpan } from './span.ts';

export type { PiiSpan } from './span.ts';

/** When two detectors claim overlapping text, the more specific one wins (a card is not also a phone). */
const PRIORITY: readonly PiiType[] = ['email', 'credit_card', 'ssn', 'ip_address', 'phone'];

export interface PiiScanner {
  /** PII spans in ORIGINAL text offsets, sorted by start, allow-listed ones removed. */
  scan(text: string): PiiSpan[];
}

/** Compiles the PII settings once: enabled detectors, default region and the allow list's canonical forms. */
export function compilePii(pii: GuardrailSettings['pii']): PiiScanner {
  const enabled = new Set(pii.types);
  const region = pii.defaultRegion;
  const allowed = allowListForms(pii.allow, region);
  const detectors: [PiiType, (t: string) => PiiSpan[]][] = [
    ['email', findEmails],
    ['credit_card', findCards],
    ['ssn', findSsns],
    ['ip_address', findIps],
    ['phone', (t) => findPhones(t, region)],
  ];
  const active = detectors.filter(([type]) => enabled.has(type)).sort((a, b) => PRIORITY.indexOf(a[0]) - PRIORITY.indexOf(b[0]));
  return {
    scan(text: string): PiiSpan[] {
      if (active.length === 0) return [];
      const mapped = normalisePii(text);
      const kept: PiiSpan[] = [];
      for (const [, detect] of active) {
        for (const span of detect(mapped.text)) {
          if (kept.some((k) => k.start < span.end && span.start < k.end)) continue;
          kept.push(span);
        }
      }
      const out: PiiSpan[] = [];
      for (const span of kept) {
        const { start, end } = originalSpan(mapped, span.start, span.end);
        if (allowed.size && (allowed.has(span.value.toLowerCase()) || allowed.has(text.slice(start, end).toLowerCase()))) continue;
        out.push({ ...span, start, end });
      }
      return out.sort((a, b) => a.start - b.start);
    },
  };
}

/**
 * The allow list holds exact strings ("support@store.example", "+1 415 555 2671"); we also keep their
 * canonical forms so the merchant's number written another way ("(415) 555-2671") is still theirs.
 */
function allowListForms(allow: readonly string[], region: string): Set<string> {
  const forms = new Set<string>();
  for (const entry of allow) {
    const trimmed = entry.trim();
    if (!trimmed) continue;
    forms.add(trimmed.toLowerCase());
    const digits = trimmed.replace(/\D/g, '');
    if (digits.length >= 7) {
      forms.add(digits);
      const phone = parsePhoneNumberFromString(trimmed, region as CountryCode);
      if (phone?.isValid()) forms.add(phone.number.toLowerCase());
    }
  }
  return forms;
}
