import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'guard-cli-'));
const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const run = (args: string[], input?: string) => {
  const r = spawnSync(process.execPath, ['bin/gatehouse.js', 'guard', ...args], { input, encoding: 'utf8' });
  return { code: r.status, out: r.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)), err: r.stderr };
};

describe('gatehouse guard', () => {
  it('checks every line, in order, and exits 0', () => {
    const texts = file('ok.jsonl', ['{"id":"a","text":"call (415) 555-2671"}', '', '{"id":"b","text":"Thanks!"}', '{"id":"c","text":"shut up","kind":"reply"}'].join('\n'));
    const r = run([texts]);
    expect(r.code).toBe(0);
    expect(r.out).toEqual([
      { id: 'a', verdict: 'redacted', findings: [{ type: 'phone', start: 5, end: 19, severity: 'soft', rule: 'pii.phone' }], text: 'call [phone]' },
      { id: 'b', verdict: 'pass', findings: [], text: 'Thanks!' },
      { id: 'c', verdict: 'blocked', findings: [expect.objectContaining({ type: 'aggressive', start: 0, end: 7 })], text: null },
    ]);
    expect(r.err).toMatch(/3 checked \(1 pass, 1 redacted, 1 blocked\), 0 invalid/);
  });

  it('names each bad line and field on stderr, keeps an error record in place, checks the rest, exits 1', () => {
    const input = ['{"id":"a","text":"hi"}', 'not json', '{"id":"b"}', '{"id":"c","text":42}', '{"id":"d","text":"x","kind":"sms"}', '{"id":"e","text":"jane@example.com"}'].join('\n');
    const r = run(['-'], input);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^line 2: malformed JSON/m);
    expect(r.err).toMatch(/^line 3: text: /m);
    expect(r.err).toMatch(/^line 4: text: /m);
    expect(r.err).toMatch(/^line 5: kind: /m);
    expect(r.out.map((o) => o.id)).toEqual(['a', null, 'b', 'c', 'd', 'e']);
    expect(r.out[1]).toMatchObject({ line: 2, error: { code: 'invalid_input' } });
    expect(r.out[4]).toMatchObject({ line: 5, id: 'd', error: { field: 'kind' } });
    expect(r.out[5]).toMatchObject({ id: 'e', verdict: 'redacted', text: '[email]' });
  });

  it('takes org settings (their guardrails key) or the guardrails object itself', () => {
    const texts = file('p.jsonl', '{"id":"a","text":"try RivalMart","intent":"refund_request"}\n');
    const guardrails = { blockedPatterns: [{ id: 'rival', category: 'competitor', kind: 'word', pattern: 'rivalmart' }] };
    for (const settings of [guardrails, { guardrails }]) {
      const r = run([texts, '--settings', file('s.json', JSON.stringify(settings))]);
      expect(r.code).toBe(0);
      expect(r.out[0]).toMatchObject({ verdict: 'blocked', findings: [{ type: 'blocked_pattern', rule: 'blocked.rival', category: 'competitor' }] });
    }
  });

  it('refuses unusable settings before checking anything: exit 2, the field named', () => {
    const texts = file('q.jsonl', '{"id":"a","text":"hi"}\n');
    const bad = file('bad.json', JSON.stringify({ guardrails: { blockedPatterns: [{ id: 'x', kind: 'regex', pattern: '(a+)+$' }] } }));
    const r = run([texts, '--settings', bad]);
    expect(r.code).toBe(2);
    expect(r.out).toEqual([]);
    expect(r.err).toMatch(/guardrails\.blockedPatterns\[0\]\.pattern: the regular expression can backtrack catastrophically/);
    expect(run([texts, '--settings', file('nojson.json', '{')]).code).toBe(2);
  });

  it('usage errors exit 2', () => {
    expect(run([join(dir, 'missing.jsonl')]).code).toBe(2);
    expect(run([]).code).toBe(2);
  });
});
