import { describe, expect, it } from 'vitest';
import { evaluate, loadCorpus } from '../../datasets/guardrails/evaluate.ts';

// Holds the floor under what scripts/quality/guardrails.ts measures on the labelled corpus (all 100 %
// when this was written): a change that costs recall or precision on any type fails here.
const FLOOR: Record<string, { recall: number; precision: number }> = {
  email: { recall: 0.99, precision: 0.99 },
  phone: { recall: 0.99, precision: 0.99 },
  credit_card: { recall: 0.99, precision: 0.99 },
  ssn: { recall: 0.99, precision: 0.99 },
  ip_address: { recall: 0.99, precision: 0.99 },
  blocked_pattern: { recall: 0.99, precision: 0.99 },
  profanity: { recall: 0.97, precision: 0.99 },
  threat: { recall: 0.95, precision: 0.99 },
  discrimination: { recall: 0.95, precision: 0.99 },
  aggressive: { recall: 0.95, precision: 0.99 },
  all_caps: { recall: 0.98, precision: 0.99 },
  missing_required: { recall: 1, precision: 1 },
};

describe('quality on the labelled corpus (datasets/guardrails)', () => {
  const corpus = loadCorpus();
  const report = evaluate(corpus);
  it('has at least 1,500 texts', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(1500);
  });
  it.each(Object.entries(FLOOR))('%s', (type, floor) => {
    const s = report.byType[type];
    expect(s, `no ${type} in the corpus`).toBeDefined();
    expect(s.recall, JSON.stringify(report.misses.filter((m) => m.type === type).slice(0, 5))).toBeGreaterThanOrEqual(floor.recall);
    expect(s.precision, JSON.stringify(report.misses.filter((m) => m.type === type).slice(0, 5))).toBeGreaterThanOrEqual(floor.precision);
  });
});
