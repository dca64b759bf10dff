// Multinomial logistic regression over binary features, with a temperature fitted on held-out
// folds so that `confidence` is an honest probability rather than a training-set boast.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { INTENTS, type Intent } from '../../../tickets/settings.ts';
import { featurize } from './features.ts';

export const weightsSchema = z.object({
  version: z.literal(1),
  intents: z.array(z.enum(INTENTS)).length(INTENTS.length),
  temperature: z.number().positive(),
  bias: z.array(z.number()),
  features: z.record(z.string(), z.array(z.number())),
  trainedOn: z.object({ examples: z.number(), sha256: z.string() }).optional(),
});
export type Weights = z.output<typeof weightsSchema>;

export interface Classification {
  intent: Intent;
  confidence: number;
  /** every intent's probability, in `INTENTS` order of the weights */
  probabilities: Record<Intent, number>;
}

type FeatureTable = Pick<Weights, 'bias' | 'features'>;
/** Weights as a Map (lookups of arbitrary feature strings are much faster than on a large object). */
const compiled = new WeakMap<FeatureTable, Map<string, number[]>>();
function table(weights: FeatureTable): Map<string, number[]> {
  let map = compiled.get(weights);
  if (!map) compiled.set(weights, (map = new Map(Object.entries(weights.features))));
  return map;
}

/** Raw scores (logits) of a feature list under weights, before the temperature. */
export function logits(weights: FeatureTable, features: readonly string[]): number[] {
  const scores = weights.bias.slice();
  const map = table(weights);
  const rows: number[][] = [];
  for (const f of features) {
    const w = map.get(f);
    if (w) rows.push(w);
  }
  // Binary features scaled by 1/sqrt(n): long and short tickets score on the same scale.
  const scale = rows.length ? 1 / Math.sqrt(rows.length) : 0;
  for (const w of rows) for (let c = 0; c < scores.length; c++) scores[c] += w[c] * scale;
  return scores;
}

export function softmax(scores: readonly number[], temperature = 1): number[] {
  const max = Math.max(...scores);
  const exps = scores.map((s) => Math.exp((s - max) / temperature));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

export function classifyFeatures(weights: Weights, features: readonly string[]): Classification {
  const probs = softmax(logits(weights, features), weights.temperature);
  let best = 0;
  for (let c = 1; c < probs.length; c++) if (probs[c] > probs[best]) best = c;
  const probabilities = Object.fromEntries(weights.intents.map((intent, c) => [intent, probs[c]])) as Record<Intent, number>;
  return { intent: weights.intents[best], confidence: probs[best], probabilities };
}

export function classify(weights: Weights, text: string): Classification {
  return classifyFeatures(weights, featurize(text));
}

export const WEIGHTS_URL = new URL('./weights.json', import.meta.url);

/** The committed weights (trained by `scripts/train-model.ts`), validated once. */
export function loadWeights(url: URL = WEIGHTS_URL): Weights {
  return weightsSchema.parse(JSON.parse(readFileSync(url, 'utf8')));
}
