import type { Finding, GuardOptions, GuardResult } from './types.ts';
import type { GuardrailSettings, PiiType } from './settings.ts';
import { detectCallFindings } from './detectors/call.ts';
import { compilePii, type PiiScanner } from './detectors/pii/index.ts';
import { compileBlockedPatterns, type PatternDetector } from './detectors/patterns.ts';
import { compileTone, type ToneDetector } from './detectors/tone/index.ts';
import { compileRequired, type RequiredDetector } from './detectors/required.ts';
import { normaliseWords } from './normalise/steps.ts';

export type { GuardOptions, GuardResult, Finding, FindingType, GuardKind } from './types.ts';
export { guardrailSettingsSchema, defaultGuardrailSettings, type GuardrailSettings } from './settings.ts';

/** What redaction writes in place of each kind of PII. */
export const REDACTION: Readonly<Record<PiiType, string>> = {
  email: '[email]',
  phone: '[phone]',
  credit_card: '[credit_card]',
  ssn: '[ssn]',
  ip_address: '[ip_address]',
};

interface Compiled {
  readonly pii: PiiScanner;
  readonly piiHard: boolean;
  readonly patterns: PatternDetector;
  readonly tone: ToneDetector;
  readonly required: RequiredDetector;
  readonly needsWords: boolean;
}

// One compilation per settings object: the pipeline passes the same object for every decision.
const cache = new WeakMap<GuardrailSettings, Compiled>();

function compile(settings: GuardrailSettings): Compiled {
  let c = cache.get(settings);
  if (!c) {
    const t = settings.tone;
    c = {
      pii: compilePii(settings.pii),
      piiHard: settings.pii.action === 'block',
      patterns: compileBlockedPatterns(settings.blockedPatterns),
      tone: compileTone(settings.tone),
      required: compileRequired(settings.required),
      needsWords: settings.blockedPatterns.length > 0 || t.profanity || t.threat || t.discrimination || t.aggressive || settings.required.length > 0,
    };
    cache.set(settings, c);
  }
  return c;
}

/**
 * Checks one text that is about to reach a person (a ticket reply, a sentence spoken on a call).
 * Any hard finding blocks it (`text: null`); PII is redacted (`[email]`, `[phone]`, …) unless the
 * settings say to block it; missing required content is appended. Offsets are UTF-16 units into `text`.
 *
 * @example guard('Call me at (415) 555-2671', defaultGuardrailSettings)
 *   // → { verdict: 'redacted', text: 'Call me at [phone]', findings: [{ type: 'phone', start: 11, end: 25, … }] }
 */
export function guard(text: string, settings: GuardrailSettings, options: GuardOptions = {}): GuardResult {
  const c = compile(settings);
  const findings: Finding[] = [];

  const pii = c.pii.scan(text);
  for (const span of pii) {
    findings.push({ type: span.type, start: span.start, end: span.end, severity: c.piiHard ? 'hard' : 'soft', rule: `pii.${span.type}` });
  }

  let append = '';
  if (c.needsWords) {
    const words = normaliseWords(text);
    findings.push(...c.patterns(text, words), ...c.tone(text, words));
    const required = c.required(words.text, text.length, options.intent);
    findings.push(...required.findings);
    append = required.append;
  }
  if (options.kind === 'call') findings.push(...detectCallFindings(text));

  findings.sort((a, b) => a.start - b.start || a.end - b.end);
  if (findings.some((f) => f.severity === 'hard')) return { verdict: 'blocked', findings, text: null };

  let out = text;
  for (let i = pii.length - 1; i >= 0; i--) out = out.slice(0, pii[i].start) + REDACTION[pii[i].type] + out.slice(pii[i].end);
  if (append) out = `${out}${out.endsWith('\n') || out === '' ? '' : '\n\n'}${append}`;
  // Appending required content alone keeps the verdict `pass` (nothing of the reply was taken out).
  return { verdict: pii.length > 0 ? 'redacted' : 'pass', findings, text: out };
}
