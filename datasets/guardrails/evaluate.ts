// Scores guard() on the labelled corpus: per finding type, recall and precision. A finding counts as
// found when a finding of the same type overlaps the labelled span (tone spans are phrases, so exact
// offsets are not the point there; PII offsets are checked exactly in the unit tests).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { guard } from '../../src/guardrails/index.ts';
import { guardrailsFromSettingsFile } from '../../src/guardrails/cli.ts';
import type { GuardrailSettings } from '../../src/guardrails/settings.ts';
import type { Expected, Sample } from './gen/build.ts';

const here = dirname(fileURLToPath(import.meta.url));

/** The generated corpus plus the hand-written hard cases (whose spans are given by `match` strings). */
export function loadCorpus(): Sample[] {
  const read = (f: string) => readFileSync(join(here, f), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
  const hard = read('hard-cases.jsonl').map((h: { id: string; text: string; kind?: 'reply' | 'call'; intent?: string; expect?: { type: Expected['type']; match?: string }[] }): Sample => ({
    id: `hard.${h.id}`,
    group: 'hard',
    text: h.text,
    kind: h.kind,
    intent: h.intent,
    expect: (h.expect ?? []).map((e) => {
      if (e.match === undefined) return { type: e.type, start: h.text.length, end: h.text.length };
      const start = h.text.indexOf(e.match);
      if (start < 0) throw new Error(`hard case ${h.id}: "${e.match}" is not in the text`);
      return { type: e.type, start, end: start + e.match.length };
    }),
  }));
  return [...(read('corpus.jsonl') as Sample[]), ...hard];
}

export function corpusSettings(): GuardrailSettings {
  return guardrailsFromSettingsFile(JSON.parse(readFileSync(join(here, 'settings.json'), 'utf8')));
}

export interface TypeScore {
  expected: number;
  found: number;
  predicted: number;
  correct: number;
  recall: number;
  precision: number;
}

export interface Miss {
  id: string;
  text: string;
  kind: 'missed' | 'false_positive';
  type: string;
  span: string;
}

export interface Report {
  samples: number;
  byType: Record<string, TypeScore>;
  misses: Miss[];
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start === a.end || b.start === b.end ? a.start === b.start : a.start < b.end && b.start < a.end;

/** Any `detect` with guard()'s shape can be scored; the default is ours. */
export function evaluate(
  samples: readonly Sample[],
  detect: (s: Sample) => { type: string; start: number; end: number }[] = (s) => guard(s.text, corpusSettings(), { kind: s.kind, intent: s.intent }).findings,
): Report {
  const byType: Record<string, TypeScore> = {};
  const score = (t: string) => (byType[t] ??= { expected: 0, found: 0, predicted: 0, correct: 0, recall: 1, precision: 1 });
  const misses: Miss[] = [];
  for (const s of samples) {
    const findings = detect(s);
    for (const e of s.expect) {
      const sc = score(e.type);
      sc.expected += 1;
      if (findings.some((f) => f.type === e.type && overlaps(f, e))) sc.found += 1;
      else misses.push({ id: s.id, text: s.text, kind: 'missed', type: e.type, span: s.text.slice(e.start, e.end) });
    }
    for (const f of findings) {
      const sc = score(f.type);
      sc.predicted += 1;
      if (s.expect.some((e) => e.type === f.type && overlaps(f, e))) sc.correct += 1;
      else misses.push({ id: s.id, text: s.text, kind: 'false_positive', type: f.type, span: s.text.slice(f.start, f.end) });
    }
  }
  for (const sc of Object.values(byType)) {
    sc.recall = sc.expected ? sc.found / sc.expected : 1;
    sc.precision = sc.predicted ? sc.correct / sc.predicted : 1;
  }
  return { samples: samples.length, byType, misses };
}
