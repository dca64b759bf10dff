// Bad input, by property: settings, merchant regexes, guard texts, call configurations and
// caller turns. Every input is accepted or refused with an InputError naming the field;
// nothing else is ever thrown.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InputError } from '../../src/errors.ts';
import { DEFAULT_SETTINGS_INPUT, resolveSettings, settingsSchema } from '../../src/tickets/settings.ts';
import { decide, parseScenario, settingsOf } from '../../src/tickets/decide.ts';
import { guard, defaultGuardrailSettings, guardrailSettingsSchema } from '../../src/guardrails/index.ts';
import { merchantRegex, merchantRegexProblem } from '../../src/guardrails/regex.ts';
import { parseBusinessConfig } from '../../src/calls/config.ts';
import { hangUp, hearCaller, openCall } from '../../src/calls/engine.ts';
import { DELETE, NOW, mutateAt, pathsOf } from './scenario-arbitraries.ts';

/** Runs `fn`; an InputError is an answer, anything else thrown is a failure of the property. */
function acceptOrFieldError<T>(fn: () => T): { value?: T; error?: InputError } {
  try {
    return { value: fn() };
  } catch (error) {
    if (error instanceof InputError) return { error };
    throw new Error(`threw ${(error as Error)?.name ?? typeof error} instead of an InputError: ${(error as Error)?.message}`);
  }
}

const jsonish = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 0.5, 1e308, '', 'x', '(a+)+$', [], {}, ['vip'], { enabled: true }),
  fc.jsonValue({ maxDepth: 2 }),
);

/** Settings with every kind of nested thing a merchant edits: rules, blocked patterns, required content. */
const RICH_SETTINGS = {
  ...DEFAULT_SETTINGS_INPUT,
  mode: 'live',
  escalationRules: [
    { id: 'big', priority: 10, when: { all: [{ fact: 'order', path: '$.totalPrice', operator: 'greaterThan', value: 500 }] }, then: 'review' },
    { id: 'lawyer', priority: 5, when: { any: [{ fact: 'body', operator: 'matches', value: 'lawyer|attorney' }] }, then: 'block' },
  ],
  guardrails: {
    blockedPatterns: [
      { id: 'rival', category: 'competitor', kind: 'word', pattern: 'acme' },
      { id: 'promo', kind: 'regex', pattern: 'promo ?code [a-z0-9]{4,}' },
    ],
    required: [{ id: 'policy', when: { intents: ['refund_request'] }, mustMatch: 'refund policy', text: 'See our refund policy.' }],
  },
};

const WITHOUT_REGEXES = {
  ...RICH_SETTINGS,
  escalationRules: [RICH_SETTINGS.escalationRules[0], { id: 'vip', priority: 1, when: { not: { fact: 'customer', path: '$.tags', operator: 'contains', value: 'vip' } }, then: 'approve' }],
  guardrails: { ...RICH_SETTINGS.guardrails, blockedPatterns: [RICH_SETTINGS.guardrails.blockedPatterns[0]] },
};

const CATASTROPHIC = ['(a+)+$', '(a|a)*b', '^(a|aa)+$', '(x+x+)+y', '(\\w+\\s?)*$', '^(([a-z])+.)+[A-Z]([a-z])+$'];

describe('settings (property-based)', () => {
  it('arbitrary JSON: valid merged settings or an InputError, nothing else', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        const r = acceptOrFieldError(() => resolveSettings(value));
        if (r.value) expect(settingsSchema.safeParse(r.value).success).toBe(true);
        else for (const issue of r.error!.issues) expect(typeof issue.field).toBe('string');
      }),
      { numRuns: 300 },
    );
  });

  // Checking a merchant regex with recheck costs tens of milliseconds per save, so the variant with
  // regexes runs fewer cases than the one without.
  it.each([
    ['without regexes', WITHOUT_REGEXES, 400],
    ['with regexes', RICH_SETTINGS, 12],
  ])('rich settings (%s) with one field changed or deleted: valid, or refused naming a field (never replaced by a default)', (_name, base, numRuns) => {
    const paths = pathsOf(base).filter((p) => p.length > 0);
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.oneof(jsonish, fc.constant(DELETE)), (path, replacement) => {
        const value = mutateAt(base, path, replacement);
        const r = acceptOrFieldError(() => resolveSettings(value));
        if (r.error) {
          expect(r.error.issues.length).toBeGreaterThan(0);
          for (const issue of r.error.issues) expect(issue.field, r.error.message).not.toBe('');
        } else if (replacement !== DELETE && typeof replacement !== 'object') {
          // an accepted scalar is kept as given, not silently swapped for a default
          const kept = path.reduce<any>((v, k) => v?.[k], r.value);
          if (kept !== undefined) expect(kept).toEqual(replacement);
        }
      }),
      { numRuns },
    );
  });

  it('a catastrophically backtracking regex is refused at save time, in a rule and in a blocked pattern, naming the field', () => {
    for (const pattern of CATASTROPHIC) {
      expect(merchantRegexProblem(pattern), pattern).not.toBeNull();
      const rule = acceptOrFieldError(() =>
        resolveSettings({ escalationRules: [{ id: 'r', when: { fact: 'body', operator: 'matches', value: pattern }, then: 'review' }] }),
      );
      expect(rule.error?.issues.map((i) => i.field)).toContain('escalationRules[0].when.value');
      const blocked = acceptOrFieldError(() => resolveSettings({ guardrails: { blockedPatterns: [{ id: 'p', kind: 'regex', pattern }] } }));
      expect(blocked.error?.issues.map((i) => i.field)).toContain('guardrails.blockedPatterns[0].pattern');
    }
  });

  it('regexes RE2 cannot run in linear time (back-references, look-arounds) are refused too', () => {
    for (const pattern of ['(a)\\1', '(?=a)a', '(?<!x)y']) expect(merchantRegexProblem(pattern), pattern).toMatch(/invalid regular expression/);
  });

  it('even a vulnerable pattern that slipped past validation cannot stall the pipeline: matching is RE2 (linear time)', async () => {
    // Settings built by hand, as if a row had been written to the database without validation.
    const valid = resolveSettings({ mode: 'live' });
    const poisoned = { ...valid, escalationRules: [{ id: 'evil', priority: 1, when: { fact: 'body', operator: 'matches', value: '(a+)+$' }, then: 'review' }] } as typeof valid;
    const scenario = parseScenario({
      now: NOW,
      settings: { mode: 'live' },
      ticket: { id: 't', from: 'x@example.com', body: `${'a'.repeat(100_000)}!` },
      model: { intent: 'refund_request', confidence: 0.99, actions: [{ type: 'refund', orderId: '1042', amount: 1 }], reply: 'ok' },
    });
    // With a backtracking engine this match would not finish in our lifetime; RE2 answers at once.
    const decision = await decide(scenario, {}, poisoned as never);
    expect(decision.trace.find((t) => t.gate === 'escalation_rules')?.verdict).toBe('pass');
    expect(merchantRegex('(a+)+$').test(`${'a'.repeat(100_000)}!`)).toBe(false);
  });
});

describe('guard (property-based)', () => {
  const pieces = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.string({ unit: 'grapheme', maxLength: 10 }),
    fc.constantFrom(
      'jane@example.com', '(415) 555-2671', '4111 1111 1111 1111', '4111-1111-1111-1111', '123-45-6789', '192.168.0.1',
      'f*ck', 'ACME', 'promo code SAVE20', 'I will find you', '\u0000', '\uD800', '👍🏽', 'é', '\u202E', '\n', '   ',
    ),
  );
  const text = fc.array(pieces, { maxLength: 12 }).map((parts) => parts.join(' '));
  const guardSettings = [defaultGuardrailSettings, resolveSettings(RICH_SETTINGS).guardrails, resolveSettings({ guardrails: { pii: { action: 'block' } } }).guardrails];

  it('never throws; offsets lie inside the text; blocked means no text; soft PII never survives redaction', () => {
    fc.assert(
      fc.property(text, fc.constantFrom(...guardSettings), fc.constantFrom<'reply' | 'call'>('reply', 'call'), (t, settings, kind) => {
        const result = guard(t, settings, { kind, intent: 'refund_request' });
        for (const f of result.findings) {
          expect(Number.isInteger(f.start) && Number.isInteger(f.end)).toBe(true);
          expect(0 <= f.start && f.start <= f.end && f.end <= t.length, JSON.stringify(f)).toBe(true);
        }
        if (result.verdict === 'blocked') expect(result.text).toBeNull();
        else expect(typeof result.text).toBe('string');
        expect(result.verdict === 'blocked').toBe(result.findings.some((f) => f.severity === 'hard'));
        if (result.verdict !== 'blocked') {
          for (const f of result.findings) {
            const span = t.slice(f.start, f.end);
            if (['credit_card', 'email', 'ssn'].includes(f.type) && f.severity === 'soft' && span.length >= 9) expect(result.text).not.toContain(span);
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it('guardrail settings: arbitrary JSON parses or is refused naming a field', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), (value) => {
        const r = guardrailSettingsSchema.safeParse(value);
        if (!r.success) expect(r.error.issues.length).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
  });
});

describe('calls (property-based)', () => {
  const business = JSON.parse(readFileSync(new URL('../../examples/calls/business.json', import.meta.url), 'utf8'));

  it('the example business configuration is valid (the base of the mutations)', () => {
    expect(() => parseBusinessConfig(business)).not.toThrow();
  });

  it('a call configuration with one field changed or deleted: valid, or an InputError naming the field', () => {
    const paths = pathsOf(business).filter((p) => p.length > 0);
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.oneof(jsonish, fc.constantFrom('25:00-26:00', 'Mars/Olympus', '+1 555', 'not-an-email', 'gas'), fc.constant(DELETE)), (path, replacement) => {
        const r = acceptOrFieldError(() => parseBusinessConfig(mutateAt(business, path, replacement)));
        if (r.error) for (const issue of r.error.issues) expect(issue.field, r.error.message).not.toBe('');
      }),
      { numRuns: 400 },
    );
  });

  it('arbitrary caller turns never throw, and a call always ends with a disposition', () => {
    const config = parseBusinessConfig(business);
    const ctx = { config, guardrails: defaultGuardrailSettings };
    const turn = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.constantFrom('I smell gas', 'my card is 4111 1111 1111 1111', 'my zip is 90210', 'water everywhere', 'Jane Doe', '', '\u0000\uD800'),
    );
    fc.assert(
      fc.property(fc.array(turn, { maxLength: 8 }), fc.constantFrom('2026-03-30T15:00:00Z', '2026-03-29T03:00:00Z'), (turns, now) => {
        let step = openCall(ctx, { callId: 'c1', now, callerNumber: '+14155552671' });
        for (const words of turns) step = hearCaller(ctx, step.state, words);
        const ended = hangUp(ctx, step.state);
        expect(ended.ended).toBe(true);
        // nothing the caller said as a card number is ever kept in the transcript
        expect(JSON.stringify(ended.transcript)).not.toContain('4111 1111 1111 1111');
      }),
      { numRuns: 150 },
    );
  });
});

// keep settingsOf referenced for readers following the scenario path: settings errors are prefixed `settings.`
void settingsOf;
