// Intent accuracy of the built-in model on the held-out test set (datasets/tickets/test.jsonl,
// never trained on): `node bin/run-ts.js scripts/quality/model-accuracy.ts [--errors]`.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { classifyTicket } from '../../src/adapters/model/builtin.ts';
import { loadWeights } from '../../src/adapters/model/local/classifier.ts';
import { belowFloors, evaluate, formatReport, type Prediction } from '../../src/adapters/model/local/evaluate.ts';
import type { Intent } from '../../src/tickets/settings.ts';

const path = fileURLToPath(new URL('../../datasets/tickets/test.jsonl', import.meta.url));
const rows = readFileSync(path, 'utf8').split('\n').filter(Boolean)
  .map((line) => JSON.parse(line) as { id: string; intent: Intent; subject: string; body: string });
const weights = loadWeights();
const predictions: (Prediction & { id: string; text: string })[] = rows.map((row) => ({
  id: row.id, text: `${row.subject} | ${row.body}`.replace(/\s+/g, ' '), expected: row.intent, ...predicted(row),
}));
function predicted(row: { subject: string; body: string }) {
  const { intent, confidence } = classifyTicket(weights, row.subject, row.body);
  return { predicted: intent, confidence };
}
const report = evaluate(predictions);
console.log(formatReport(report));
const failures = belowFloors(report);
if (failures.length) {
  console.log(`\nBELOW THE FLOORS: ${failures.join('; ')}`);
  process.exitCode = 1;
}
if (process.argv.includes('--errors')) {
  console.log('\nmisclassified:');
  for (const p of predictions.filter((p) => p.expected !== p.predicted)) {
    console.log(`${p.id} ${p.expected} → ${p.predicted} (${p.confidence}) ${p.text.slice(0, 160)}`);
  }
}
