import { describe, expect, it } from 'vitest';
import { phraseRegex } from '../../src/guardrails/detectors/tone/index.ts';
import { AGGRESSIVE, DISCRIMINATION, THREAT } from '../../src/guardrails/detectors/tone/phrases.ts';
import { loadCorpus } from '../../datasets/guardrails/evaluate.ts';

// The phrase regex writes the phrases' common leading \b once; it must match exactly as one group per
// list of whole phrases does (same starts, same text, same list) on every text of the corpus.
describe('the phrase regex with its word boundary hoisted', () => {
  const lists = [THREAT, DISCRIMINATION, AGGRESSIVE];
  const plain = new RegExp(lists.map((list) => `(${list.join('|')})`).join('|'), 'g');
  const hoisted = phraseRegex(lists);
  const matches = (re: RegExp, text: string) => [...text.matchAll(re)].map((m) => `${m.index}:${m[0]}:${m.findIndex((g, i) => i > 0 && g !== undefined)}`);

  it('is hoisted (every phrase starts with \\b)', () => {
    expect(hoisted.source.startsWith('\\b(?:(')).toBe(true);
  });

  it('finds the same phrases as the unhoisted regex on every corpus text', () => {
    const texts = loadCorpus().map((s) => s.text.toLowerCase());
    let found = 0;
    for (const t of texts) {
      const a = matches(plain, t);
      expect(matches(hoisted, t)).toEqual(a);
      found += a.length;
    }
    expect(found).toBeGreaterThan(150); // the corpus holds threats, discrimination and aggression
  });

  it('keeps the unhoisted form when a phrase does not start with \\b', () => {
    expect(phraseRegex([['\\bfoo', 'bar']]).source).toBe('(\\bfoo|bar)');
  });
});
