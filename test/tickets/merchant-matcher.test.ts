import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RE2 } from 're2-wasm';
import { merchantMatcher } from '../../src/tickets/escalation.ts';

// Characters where case-insensitive matching could tell engines apart: ASCII in both cases, the
// Kelvin sign and long s (which fold to k and s), dotted/dotless i, accented letters, digits, spaces.
const tricky = fc.constantFrom(...'aAkKsSiIzZ09 \u212A\u017F\u0130\u0131\u00E9\u00C9\u00DF\u1E9E-|.');
const word = fc.string({ unit: fc.constantFrom(...'akKsSiIlLwWyYeErR09 '), minLength: 1, maxLength: 6 });

describe('merchantMatcher', () => {
  it('answers as RE2 does for plain word alternations (its JS regex fast path)', () => {
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 3 }), fc.string({ unit: tricky, maxLength: 20 }), (words, text) => {
        const pattern = words.join('|');
        expect(merchantMatcher(pattern)).toBeInstanceOf(RegExp);
        expect(merchantMatcher(pattern).test(text)).toBe(new RE2(pattern, 'iu').test(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('finds a word in any case, and the Kelvin sign as a k', () => {
    expect(merchantMatcher('lawyer|attorney').test('My LAWYER will call')).toBe(true);
    expect(merchantMatcher('lawyer|attorney').test('my law yer')).toBe(false);
    expect(merchantMatcher('kit').test('\u212Ait')).toBe(true);
  });

  it('leaves every other pattern to RE2', () => {
    for (const pattern of ['^refund', 'law(yer)?', 'a.b', 'caf\u00E9', 'x\\d+']) expect(merchantMatcher(pattern)).toBeInstanceOf(RE2);
  });
});
