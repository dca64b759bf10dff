import { describe, expect, it } from 'vitest';
import { guard } from '../../src/guardrails/index.ts';
import { guardrailSettingsSchema } from '../../src/guardrails/settings.ts';
import { found, settings } from './helpers.ts';

const s = settings({
  blockedPatterns: [
    { id: 'rival', category: 'competitor', kind: 'word', pattern: 'rivalmart' },
    { id: 'acme', category: 'competitor', kind: 'word', pattern: 'Acme' },
    { id: 'approval', category: 'legal', kind: 'phrase', pattern: 'guaranteed approval' },
    { id: 'boots', category: 'prohibited', kind: 'word', pattern: 'b00ts' },
    { id: 'ticket', category: 'internal', kind: 'regex', pattern: '\\bINT-\\d{4}\\b' },
  ],
});

describe('blocked words and phrases survive evasions', () => {
  it.each([
    ['Try RivalMart instead', 'RivalMart'], ['Try r i v a l m a r t', 'r i v a l m a r t'], ['Try r.i.v.a.l.m.a.r.t', 'r.i.v.a.l.m.a.r.t'],
    ['Try r1valmart', 'r1valmart'], ['Try rivаlmart', 'rivаlmart'], ['Try rival\u200bmart', 'rival\u200bmart'], ['Try ＲＩＶＡＬＭＡＲＴ', 'ＲＩＶＡＬＭＡＲＴ'],
    ["Acme's price", 'Acme'], ['@cme has it', '@cme'], ['ACME', 'ACME'], ['GUARANTEED   APPROVAL', 'GUARANTEED   APPROVAL'],
    ['guaranteed-approval', 'guaranteed-approval'], ['new boots', 'boots'], ['new b00ts', 'b00ts'],
  ])('%s', (text, match) => {
    const f = guard(text, s).findings.filter((x) => x.type === 'blocked_pattern');
    expect(f.map((x) => text.slice(x.start, x.end))).toEqual([match]);
    expect(f[0].severity).toBe('hard');
  });

  it('reports the rule and the category', () => {
    expect(guard('Acme!', s).findings[0]).toMatchObject({ rule: 'blocked.acme', category: 'competitor', match: 'Acme' });
  });
});

describe('whole words only', () => {
  it.each(['Our academy', 'The rival team', 'the mart', 'acne cream', 'Walmart', 'arrival', 'approval is guaranteed', 'guaranteed delivery approval', 'INT-12', 'INT-12345'])('%s', (text) => {
    expect(found(text, 'blocked_pattern', s)).toEqual([]);
  });
});

describe('regex patterns', () => {
  it('match case-insensitively under RE2, offsets in UTF-16 even after an emoji', () => {
    const text = '😀 see int-2041 now';
    expect(found(text, 'blocked_pattern', s)).toEqual([['int-2041', 7, 15]]);
  });
  it.each([
    ['(a+)+$', /backtrack catastrophically/],
    ['(a|a)*b', /backtrack catastrophically/],
    ['(?<=x)y', /invalid regular expression/],
    ['(abc', /invalid regular expression/],
    ['(a)\\1', /invalid regular expression/],
  ])('rejects %s when the settings are validated', (pattern, reason) => {
    const r = guardrailSettingsSchema.safeParse({ blockedPatterns: [{ id: 'x', kind: 'regex', pattern }] });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].path).toEqual(['blockedPatterns', 0, 'pattern']);
    expect(r.error!.issues[0].message).toMatch(reason);
  });
});
