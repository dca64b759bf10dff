import { describe, expect, it } from 'vitest';
import { guard } from '../../src/guardrails/index.ts';
import { detectCallFindings } from '../../src/guardrails/detectors/call.ts';
import { defaults, settings } from './helpers.ts';

describe('offsets are UTF-16 units into the original text', () => {
  it('after emoji (surrogate pairs) before the match', () => {
    const text = '🎉👍 mail jane@example.com or call (415) 555-2671';
    const r = guard(text, defaults);
    expect(r.findings.map((f) => [f.type, text.slice(f.start, f.end)])).toEqual([
      ['email', 'jane@example.com'],
      ['phone', '(415) 555-2671'],
    ]);
    expect(r.findings[0].start).toBe(10);
    expect(r.text).toBe('🎉👍 mail [email] or call [phone]');
  });
  it('after text the normaliser changes (full-width digits, zero-width characters)', () => {
    const text = 'ｆｕｌｌ ｗｉｄｔｈ\u200b then ４１５-５５５-２６７１ end';
    const [f] = guard(text, defaults).findings;
    expect(f.type).toBe('phone');
    expect(text.slice(f.start, f.end)).toBe('４１５-５５５-２６７１');
  });
  it('for a profanity spelled with a ligature and Cyrillic letters', () => {
    const text = '🙂 ѕhit';
    const [f] = guard(text, defaults).findings;
    expect([f.start, f.end]).toEqual([3, 7]);
  });
});

describe('verdicts', () => {
  it('pass: nothing found, text unchanged', () => {
    expect(guard('Your refund is on its way.', defaults)).toEqual({ verdict: 'pass', findings: [], text: 'Your refund is on its way.' });
  });
  it('redacted: PII replaced by its placeholder, soft findings', () => {
    const r = guard('SSN 123-45-6789, card 4111 1111 1111 1111, ip 10.0.0.7', defaults);
    expect(r.verdict).toBe('redacted');
    expect(r.text).toBe('SSN [ssn], card [credit_card], ip [ip_address]');
    expect(r.findings.every((f) => f.severity === 'soft' && f.rule === `pii.${f.type}`)).toBe(true);
  });
  it('PII with action block is a hard finding', () => {
    const r = guard('call (415) 555-2671', settings({ pii: { action: 'block' } }));
    expect(r).toMatchObject({ verdict: 'blocked', text: null });
    expect(r.findings[0].severity).toBe('hard');
  });
  it('only the PII types listed are looked for', () => {
    expect(guard('call (415) 555-2671', settings({ pii: { types: ['email'] } })).verdict).toBe('pass');
  });
  it('any hard finding blocks, even next to redactable PII', () => {
    const r = guard('jane@example.com, shut up', defaults);
    expect(r.verdict).toBe('blocked');
    expect(r.text).toBeNull();
    expect(r.findings.map((f) => f.type)).toEqual(['email', 'aggressive']);
  });
  it("the merchant's allow list is never redacted, in any written form", () => {
    const s = settings({ pii: { allow: ['support@store.example', '+1 415 555 2671'] } });
    const text = 'Write to support@store.example or SUPPORT@store.example, or call (415) 555-2671; not jane@example.com';
    const r = guard(text, s);
    expect(r.findings.map((f) => text.slice(f.start, f.end))).toEqual(['jane@example.com']);
  });
  it('the default region decides national numbers', () => {
    const text = 'Call 020 7946 0958';
    expect(guard(text, defaults).findings).toEqual([]);
    expect(guard(text, settings({ pii: { defaultRegion: 'GB' } })).findings.map((f) => f.type)).toEqual(['phone']);
  });
});

describe('required content', () => {
  const s = settings({
    required: [
      { id: 'refund-policy', when: { intents: ['refund_request'] }, mustMatch: 'refund policy', text: 'See our refund policy: https://store.example/refunds' },
      { id: 'sig', mustMatch: 'the store team', text: '— the Store team', mode: 'append' },
      { id: 'legal', when: { intents: ['legal'] }, mustMatch: 'not legal advice', text: '', mode: 'block' },
    ],
  });
  it('appends what is missing for the intent, keeps the verdict pass, reports soft findings at the end', () => {
    const r = guard('Refund issued.', s, { intent: 'refund_request' });
    expect(r.verdict).toBe('pass');
    expect(r.text).toBe('Refund issued.\n\nSee our refund policy: https://store.example/refunds\n\n— the Store team');
    expect(r.findings).toEqual([
      { type: 'missing_required', start: 14, end: 14, severity: 'soft', rule: 'required.refund-policy' },
      { type: 'missing_required', start: 14, end: 14, severity: 'soft', rule: 'required.sig' },
    ]);
  });
  it('present content (any case, any spacing) is not appended again', () => {
    expect(guard('See our Refund\n Policy. The Store Team', s, { intent: 'refund_request' }).findings).toEqual([]);
  });
  it('a rule for another intent does not apply; a rule without intents always does', () => {
    expect(guard('Hello. the store team', s, { intent: 'where_is_my_order' }).findings).toEqual([]);
    expect(guard('Hello.', s).findings.map((f) => f.rule)).toEqual(['required.sig']);
  });
  it('mode block is a hard finding', () => {
    expect(guard('You should sue them. the store team', s, { intent: 'legal' })).toMatchObject({ verdict: 'blocked', text: null });
  });
});

describe('calls', () => {
  it("kind call adds the call detector's hard findings; a reply does not", () => {
    const text = 'It will cost about $150 and we can come tomorrow at 9am, guaranteed.';
    const callFindings = detectCallFindings(text);
    const r = guard(text, defaults, { kind: 'call' });
    for (const f of callFindings) expect(r.findings).toContainEqual(f);
    if (callFindings.length) expect(r.verdict).toBe('blocked');
    expect(guard(text, defaults).findings.filter((f) => f.rule.startsWith('call.'))).toEqual([]);
  });
});
