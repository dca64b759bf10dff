// Floors on the held-out set (datasets/tickets/test.jsonl, never trained on), set just under
// what the committed weights measure (see docs/model.md). A regression in the data, features or
// training shows up here.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyTicket } from '../../src/adapters/model/builtin.ts';
import { loadWeights } from '../../src/adapters/model/local/classifier.ts';
import { belowFloors, evaluate, FLOORS } from '../../src/adapters/model/local/evaluate.ts';
import { INTENTS, type Intent } from '../../src/tickets/settings.ts';

const rows = readFileSync(new URL('../../datasets/tickets/test.jsonl', import.meta.url), 'utf8')
  .split('\n').filter(Boolean).map((l) => JSON.parse(l) as { intent: Intent; subject: string; body: string });
const trainRaw = readFileSync(new URL('../../datasets/tickets/train.jsonl', import.meta.url), 'utf8');
const train = trainRaw
  .split('\n').filter(Boolean).map((l) => JSON.parse(l) as { intent: Intent; subject: string; body: string });
const weights = loadWeights();
const report = evaluate(rows.map((r) => {
  const { intent, confidence } = classifyTicket(weights, r.subject, r.body);
  return { expected: r.intent, predicted: intent, confidence };
}));

describe('intent classifier on the held-out set', () => {
  it('has at least 300 tickets, every intent represented, none of them in the training set', () => {
    expect(rows.length).toBeGreaterThanOrEqual(300);
    for (const intent of INTENTS) expect(report.perIntent[intent].support).toBeGreaterThanOrEqual(40);
    const seen = new Set(train.map((t) => `${t.subject}\n${t.body}`));
    expect(rows.filter((r) => seen.has(`${r.subject}\n${r.body}`))).toEqual([]);
  });
  it('accuracy floor', () => {
    expect(report.accuracy).toBeGreaterThanOrEqual(FLOORS.accuracy);
  });
  it('is right when it is confident: accuracy above the 0.8 review threshold', () => {
    expect(report.confidentAccuracy).toBeGreaterThanOrEqual(FLOORS.confidentAccuracy);
    expect(report.coverage).toBeGreaterThanOrEqual(FLOORS.coverage);
  });
  it('a confident mistake towards refund, cancel or exchange is rare', () => {
    expect(report.confidentWrongActions / report.total).toBeLessThanOrEqual(FLOORS.confidentWrongActionsRate);
    expect(belowFloors(report)).toEqual([]);
  });
  it('recall of every intent', () => {
    for (const intent of INTENTS) expect(report.perIntent[intent].recall, intent).toBeGreaterThanOrEqual(FLOORS.recall);
  });
  it('weights are small and trained on the committed training set', () => {
    expect(weights.trainedOn?.examples).toBe(train.length);
    // retrain after changing the data: node bin/run-ts.js scripts/train-model.ts
    expect(weights.trainedOn?.sha256).toBe(createHash('sha256').update(trainRaw).digest('hex'));
    expect(Object.keys(weights.features).length).toBeLessThan(20_000);
  });
});
