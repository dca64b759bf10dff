// The call-finding detector skips a finding type when one combined regex of its rules finds nothing;
// that must be exactly "none of its rules matches", or findings would be lost.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RULE_GROUPS, topLevelAlternatives } from '../../src/guardrails/detectors/call.ts';
import { CALL_RULES } from '../../src/guardrails/detectors/call/patterns.ts';
import { LINES } from '../../src/calls/wording.ts';

const dir = fileURLToPath(new URL('../../datasets/calls/', import.meta.url));
const texts: string[] = Object.values(LINES).filter((v): v is string => typeof v === 'string');
for (const f of readdirSync(dir).filter((f) => f.endsWith('.jsonl'))) {
  for (const line of readFileSync(dir + f, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const record = JSON.parse(line) as { text?: unknown };
    if (typeof record.text === 'string') texts.push(record.text, record.text.toUpperCase(), `${record.text}x`, `x${record.text}`);
  }
}

describe('topLevelAlternatives', () => {
  it('splits only at a top-level bar', () => {
    expect(topLevelAlternatives(String.raw`\ba|(b|c)d|[|]e|\|f|(?:g(h|i))`)).toEqual([String.raw`\ba`, '(b|c)d', '[|]e', String.raw`\|f`, '(?:g(h|i))']);
    expect(topLevelAlternatives(String.raw`[\]|]x|y`)).toEqual([String.raw`[\]|]x`, 'y']);
  });
});

describe('finding-type prefilter', () => {
  it('covers every rule exactly once', () => {
    expect(RULE_GROUPS.flatMap((g) => g.rules)).toHaveLength(CALL_RULES.length);
  });

  it(`matches a text exactly when one of its rules does (${texts.length} texts)`, () => {
    let matched = 0;
    for (const group of RULE_GROUPS) {
      const single = group.rules.map((rule) => new RegExp(rule.re.source, 'i'));
      for (const text of texts) {
        const expected = single.some((re) => re.test(text));
        if (group.any.test(text) !== expected) expect.fail(`${group.rules[0].type}: ${text}`);
        if (expected) matched += 1;
      }
    }
    expect(matched).toBeGreaterThan(300); // the check saw both outcomes
  });
});
