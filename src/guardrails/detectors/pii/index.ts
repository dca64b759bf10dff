import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import type { GuardrailSettings } from '../../settings.ts';
import { normalisePii } from '../../normalise/steps.ts';
import { identity, originalSpan } from '../../normalise/mapped.ts';
import { findEmails } from './email.ts';
import { findPhones } from './phone.ts';
import { findCards } from './card.ts';
import { findSsns } from './ssn.ts';
import { findIps } from './ip.ts';
import type { PiiSpan } from './span.ts';
import { moreLettersThan, textFacts } from './facts.ts';

export type { PiiSpan } from './span.ts';

export interface PiiScanner {
  /** PII spans in ORIGINAL text offsets, sorted by start, allow-listed ones removed. */
  scan(text: string): PiiSpan[];
}

/** Compiles the PII settings once: enabled detectors, default region and the allow list's canonical forms. */
export function compilePii(pii: GuardrailSettings['pii']): PiiScanner {
  const enabled = new Set(pii.types);
  const region = pii.defaultRegion;
  const allowed = allowListForms(pii.allow, region);
  const forms = [...allowed];
  // A merchant's allow list is a few entries: comparing with each beats hashing a new string per span.
  const fewForms = forms.length <= 16;
  /** The span's canonical value (lower case already) or its text, lower-cased, is on the allow list. */
  const allowListed = (span: PiiSpan, text: string, ascii: boolean): boolean => {
    if (!fewForms || !ascii) return allowed.has(span.value) || allowed.has(text.slice(span.start, span.end).toLowerCase());
    for (let f = 0; f < forms.length; f++) {
      // lower-casing ASCII keeps its length, so the text is compared in place
      if (forms[f] === span.value || sameIgnoringAsciiCase(text, span.start, span.end, forms[f])) return true;
    }
    return false;
  };
  const email = enabled.has('email');
  const card = enabled.has('credit_card');
  const ssn = enabled.has('ssn');
  const ip = enabled.has('ip_address');
  const phone = enabled.has('phone');
  return {
    scan(text: string): PiiSpan[] {
      if (enabled.size === 0) return [];
      let facts = textFacts(text);
      const mapped = facts.plain ? identity(text) : normalisePii(text);
      const t = mapped.text;
      if (t !== text) facts = textFacts(t);
      let kept: PiiSpan[] = [];
      // When two detectors claim overlapping text the more specific one wins (a card is not also a phone),
      // so they run in the order email > card > SSN > IP > phone, each only when the text's facts say it
      // can hold one (a spelled-out address needs a bracket, " at " or " dot ", and some letters). Plain
      // calls rather than a table of closures: this is on every reply's path.
      if (email && (facts.at || ((facts.bracket || facts.spelled) && moreLettersThan(t, 5)))) keep(kept, findEmails(t, facts));
      if (card && facts.digits >= 12) keep(kept, findCards(t, facts));
      if (ssn && facts.digits >= 9) keep(kept, findSsns(t, facts));
      if (ip && (facts.colon || (facts.dot && facts.digits >= 4))) keep(kept, findIps(t, facts));
      if (phone && facts.digits >= 7) keep(kept, findPhones(t, facts, region, kept));
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

/** text[start, end), ASCII, lower-cased, is `form`. */
function sameIgnoringAsciiCase(text: string, start: number, end: number, form: string): boolean {
  if (end - start !== form.length) return false;
  for (let i = 0; i < form.length; i++) {
    let c = text.charCodeAt(start + i);
    if (c >= 65 && c <= 90) c += 32;
    if (c !== form.charCodeAt(i)) return false;
  }
  return true;
}

/** Adds the spans that overlap none kept so far (an earlier detector's claim wins). */
function keep(kept: PiiSpan[], found: readonly PiiSpan[]): void {
  for (let i = 0; i < found.length; i++) if (!overlapsAny(kept, found[i])) kept.push(found[i]);
}

function overlapsAny(kept: readonly PiiSpan[], span: PiiSpan): boolean {
  for (let k = 0; k < kept.length; k++) if (kept[k].start < span.end && span.start < kept[k].end) return true;
  return false;
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
