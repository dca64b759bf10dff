import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { literalPrefilter, requiredLiteral } from '../../src/guardrails/regex-literal.ts';
import { merchantRegex } from '../../src/guardrails/regex.ts';

describe('the literal every match of a merchant regex must contain', () => {
  it.each([
    ['\\bINT-\\d{4}\\b', 'INT-'],
    ['order\\s+#?\\d+', 'order'],
    ['colou?r chart', 'r chart'],
    ['ab+c', 'ab'],
    ['(?:foo|bar)-code', '-code'],
    ['promo[0-9]{2}x', 'promo'],
    ['a\\.b\\.c', 'a.b.c'],
    ['xyz*w', 'xy'],
    ['ab{2,3}cd', 'cd'],
  ])('%s → %s', (source, literal) => {
    expect(requiredLiteral(source)).toBe(literal);
  });

  it.each(['foo|bar', 'a\\p{L}bc', '\\x41bc', '[a-z]+', 'a.b.c', '(abc)', 'a?b?c?', '\\u0041bc'])('%s → none (no safe literal)', (source) => {
    expect(requiredLiteral(source)).toBeNull();
  });

  // The prefilter may only say "cannot match" when RE2 indeed finds nothing.
  const sources = ['\\bINT-\\d{4}\\b', 'colou?r chart', 'ab+c', '(?:foo|bar)-code', 'promo[0-9]{2}x', 'a\\.b\\.c', 'xy{0,2}z*w', 'k[a-c]+st', 'ss(?i)k+'];
  const alphabet = fc.constantFrom(...'abcINTint-0123 .kKsSſ\u212axyzwpromo-codefoobarcolourhtr'.split(''));
  it('never rules out a text RE2 would match (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...sources), fc.array(alphabet, { maxLength: 30 }).map((a) => a.join('')), (source, text) => {
        const pre = literalPrefilter(source);
        const re = merchantRegex(source, 'iu');
        if (pre && !pre.test(text)) expect(re.exec(text)).toBeNull();
      }),
      { numRuns: 3000 },
    );
  });

  it('is what a match contains, for texts built to match', () => {
    for (const [source, text] of [['\\bINT-\\d{4}\\b', 'see int-1234'], ['colou?r chart', 'COLOR CHART'], ['ab+c', 'abbbc'], ['xy{0,2}z*w', 'xw']]) {
      expect(merchantRegex(source, 'iu').exec(text)).not.toBeNull();
      const pre = literalPrefilter(source);
      if (pre) expect(pre.test(text)).toBe(true);
    }
  });
});
