import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import type { GuardrailSettings, PiiType } from '../../settings.ts';
import { normalisePii } from '../../normalise/steps.ts';
import { identity, originalSpan } from '../../normalise/mapped.ts';
import { findEmails } from './email.ts';
import { findPhones } from './phone.ts';
import { findCards } from './card.ts';
import { findSsns } from './ssn.ts';
import { findIps } from './ip.ts';
import type { PiiSpan } from './span.ts';
import { moreLettersThan, textFacts, type TextFacts } from './facts.ts';

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
  const allowedLengths = new Set([...allowed].map((form) => form.length));
  /** The span's canonical value (lower case already) or its text, lower-cased, is on the allow list. */
  const allowListed = (span: PiiSpan, text: string, ascii: boolean): boolean => {
    if (allowedLengths.has(span.value.length) && allowed.has(span.value)) return true;
    // lower-casing ASCII keeps its length: only a span as long as an allowed form can be one (no slice)
    if (ascii && !allowedLengths.has(span.end - span.start)) return false;
    return allowed.has(text.slice(span.start, span.end).toLowerCase());
  };
  // [type, can the text hold one (from one pass over its characters), detector]
  const detectors: [PiiType, (f: TextFacts, text: string) => boolean, Detector][] = [
    // a spelled-out address needs a bracket, " at " or " dot " (and some letters)
    ['email', (f, t) => f.at || ((f.bracket || f.spelled) && moreLettersThan(t, 5)), findEmails],
    ['credit_card', (f) => f.digits >= 12, findCards],
    ['ssn', (f) => f.digits >= 9, findSsns],
    ['ip_address', (f) => f.colon || (f.dot && f.digits >= 4), findIps],
    ['phone', (f) => f.digits >= 7, (t, f, kept) => findPhones(t, f, region, kept)],
  ];
  const active = detectors.filter(([type]) => enabled.has(type)).sort((a, b) => PRIORITY.indexOf(a[0]) - PRIORITY.indexOf(b[0]));
  return {
    scan(text: string): PiiSpan[] {
      if (active.length === 0) return [];
      let facts = textFacts(text);
      const mapped = facts.plain ? identity(text) : normalisePii(text);
      if (mapped.text !== text) facts = textFacts(mapped.text);
      let kept: PiiSpan[] = [];
      // indexed loops, no tuple destructuring or closure per span: this loop is on every reply's path
      for (let d = 0; d < active.length; d++) {
        if (!active[d][1](facts, mapped.text)) continue;
        const found = active[d][2](mapped.text, facts, kept);
        for (let i = 0; i < found.length; i++) if (!overlapsAny(kept, found[i])) kept.push(found[i]);
      }
      if (kept.length === 0) return kept;
      if (mapped.starts) kept = kept.map((span) => ({ ...span, ...originalSpan(mapped, span.start, span.end) }));
      if (allowed.size) {
        const ascii = facts.plain && mapped.text === text;
        kept = kept.filter((span) => !allowListed(span, text, ascii));
      }
      return kept.length > 1 ? kept.sort((a, b) => a.start - b.start) : kept;
    },
  };
}

function overlapsAny(kept: readonly PiiSpan[], span: PiiSpan): boolean {
  for (let k = 0; k < kept.length; k++) if (kept[k].start < span.end && span.start < kept[k].end) return true;
  return false;
}

/** A detector reads the (normalised) text and its facts; `kept` holds what the detectors before it found. */
type Detector = (text: string, facts: TextFacts, kept: readonly PiiSpan[]) => PiiSpan[];

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
