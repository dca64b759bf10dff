// Trains the built-in intent classifier: `node bin/run-ts.js scripts/train-model.ts`.
// Reads datasets/tickets/train.jsonl (never the test set), fits softmax regression, fits the
// temperature on out-of-fold predictions (folds split by template), prunes weak features and
// writes src/adapters/model/local/weights.json. Deterministic: the same data gives the same file.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { INTENTS, type Intent } from '../src/tickets/settings.ts';
import { ticketText } from '../src/adapters/model/local/features.ts';
import { DEFAULT_TRAIN_OPTIONS, fit, fitTemperature, outOfFoldLogits, type LabelledText } from '../src/adapters/model/local/train.ts';
import { WEIGHTS_URL, weightsSchema, type Weights } from '../src/adapters/model/local/classifier.ts';

const trainPath = fileURLToPath(new URL('../datasets/tickets/train.jsonl', import.meta.url));
const raw = readFileSync(trainPath, 'utf8');
const examples: LabelledText[] = raw.split('\n').filter(Boolean).map((line, i) => {
  const row = JSON.parse(line) as { intent: Intent; subject?: string; body: string; template?: string };
  if (!INTENTS.includes(row.intent)) throw new Error(`train.jsonl line ${i + 1}: unknown intent ${row.intent}`);
  return { text: ticketText(row.subject, row.body), intent: row.intent, group: row.template ?? `line-${i + 1}` };
});

const options = DEFAULT_TRAIN_OPTIONS;
const started = performance.now();
const held = outOfFoldLogits(examples, options);
const calibration = fitTemperature(held);
const fitted = fit(examples, options);
const weights: Weights = weightsSchema.parse({
  version: 1,
  intents: [...INTENTS],
  temperature: calibration.temperature,
  ...fitted,
  trainedOn: { examples: examples.length, sha256: createHash('sha256').update(raw).digest('hex') },
});
const json = JSON.stringify(weights);
writeFileSync(WEIGHTS_URL, json + '\n');
console.log(`trained on ${examples.length} tickets in ${((performance.now() - started) / 1000).toFixed(1)} s`);
console.log(`out-of-template accuracy (${options.folds} folds): ${(calibration.accuracy * 100).toFixed(1)}%`);
console.log(`temperature ${calibration.temperature} (held-out log-loss ${calibration.nll.toFixed(3)})`);
console.log(`${Object.keys(weights.features).length} features, ${(json.length / 1024).toFixed(0)} KB → ${fileURLToPath(WEIGHTS_URL)}`);
