import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { detectCallFindings } from '../../src/guardrails/detectors/call.ts';

// the main set and the (once held-out, now tuned-on) second set both hold the floor
const rows = ['assistant-utterances.jsonl', 'assistant-holdout.jsonl'].flatMap((f) =>
  readFileSync(new URL(`../../datasets/calls/${f}`, import.meta.url), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; label: string; text: string }));

describe('call findings on the labelled assistant utterances', () => {
  it('has at least 200 labelled utterances covering every class', () => {
    expect(rows.length).toBeGreaterThanOrEqual(200);
    for (const label of ['clean', 'pricing', 'diagnosis', 'guarantee', 'commitment', 'unsafe_advice']) {
      expect(rows.filter((r) => r.label === label).length, label).toBeGreaterThanOrEqual(25);
    }
  });
  it.each(rows.filter((r) => r.label !== 'clean').map((r) => [r.id, r.label, r.text]))('%s catches %s: %s', (_id, label, text) => {
    expect(detectCallFindings(text).map((f) => f.type)).toContain(label);
  });
  it.each(rows.filter((r) => r.label === 'clean').map((r) => [r.id, r.text]))('%s leaves clean wording alone: %s', (_id, text) => {
    expect(detectCallFindings(text)).toEqual([]);
  });
});

describe('finding shape', () => {
  it('points at the offending words with UTF-16 offsets and a call.<type> rule', () => {
    const text = '👋 Thanks! That\u2019ll run about $150.';
    const [finding] = detectCallFindings(text);
    expect(finding).toMatchObject({ type: 'pricing', severity: 'hard', rule: 'call.pricing' });
    expect(text.slice(finding.start, finding.end)).toBe(finding.match);
    expect(finding.match).toMatch(/\$150|run about/);
  });
  it('finds several kinds in one text, in text order', () => {
    const types = detectCallFindings('Sounds like a bad thermocouple. A technician will be there by 3pm and we guarantee it.').map((f) => f.type);
    expect(types).toEqual(['diagnosis', 'commitment', 'guarantee']);
  });
  it('a refusal governs only its own clause', () => {
    expect(detectCallFindings("I can't give prices on the phone, but it usually runs about $150.").map((f) => f.type)).toContain('pricing');
    expect(detectCallFindings("Please don't touch the panel. Flip the breaker back on.").map((f) => f.type)).toContain('unsafe_advice');
  });
  it('"don\'t worry" is not a refusal', () => {
    expect(detectCallFindings("Don't worry, we guarantee the repair.").map((f) => f.type)).toContain('guarantee');
  });
});
