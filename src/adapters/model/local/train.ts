// Training for the intent classifier: softmax regression by full-batch Adam with L2, then a
// temperature fitted on out-of-fold predictions (folds split by template, so the temperature
// reflects phrasings the model has not seen). Deterministic: no randomness, fixed order.
import { INTENTS, type Intent } from '../../../tickets/settings.ts';
import { softmax, logits, type Weights } from './classifier.ts';
import { featurize } from './features.ts';

export interface LabelledText {
  text: string;
  intent: Intent;
  /** examples from one template share a group; folds never split a group */
  group: string;
}

export interface TrainOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  /** drop features seen in fewer training texts than this */
  minCount: number;
  /** drop features whose largest |weight| is below this after training */
  pruneBelow: number;
  folds: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  epochs: 200, learningRate: 0.05, l2: 3e-4, minCount: 2, pruneBelow: 0.2, folds: 5,
};

interface Encoded { index: number[]; label: number }

function vocabulary(texts: string[][], minCount: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const fs of texts) for (const f of fs) counts.set(f, (counts.get(f) ?? 0) + 1);
  const vocab = new Map<string, number>();
  for (const [f, n] of [...counts].sort((a, b) => (a[0] < b[0] ? -1 : 1))) if (n >= minCount) vocab.set(f, vocab.size);
  return vocab;
}

/** Fit weights (temperature 1) on examples. */
export function fit(examples: LabelledText[], options: TrainOptions = DEFAULT_TRAIN_OPTIONS): Pick<Weights, 'bias' | 'features'> {
  const C = INTENTS.length;
  const feats = examples.map((e) => featurize(e.text));
  const vocab = vocabulary(feats, options.minCount);
  const data: Encoded[] = feats.map((fs, i) => ({
    index: fs.filter((f) => vocab.has(f)).map((f) => vocab.get(f)!),
    label: INTENTS.indexOf(examples[i].intent),
  }));
  const F = vocab.size;
  const W = new Float64Array(F * C);
  const b = new Float64Array(C);
  const gW = new Float64Array(F * C);
  const gb = new Float64Array(C);
  const mW = new Float64Array(F * C), vW = new Float64Array(F * C);
  const mb = new Float64Array(C), vb = new Float64Array(C);
  const [beta1, beta2, eps] = [0.9, 0.999, 1e-8];
  const n = data.length;
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    gW.fill(0); gb.fill(0);
    for (const { index, label } of data) {
      const scale = index.length ? 1 / Math.sqrt(index.length) : 0;
      const scores = Array.from(b);
      for (const f of index) for (let c = 0; c < C; c++) scores[c] += W[f * C + c] * scale;
      const p = softmax(scores);
      for (let c = 0; c < C; c++) {
        const g = (p[c] - (c === label ? 1 : 0)) / n;
        gb[c] += g;
        for (const f of index) gW[f * C + c] += g * scale;
      }
    }
    const lr = options.learningRate;
    const c1 = 1 - beta1 ** epoch, c2 = 1 - beta2 ** epoch;
    for (let i = 0; i < W.length; i++) {
      const g = gW[i] + options.l2 * W[i];
      mW[i] = beta1 * mW[i] + (1 - beta1) * g;
      vW[i] = beta2 * vW[i] + (1 - beta2) * g * g;
      W[i] -= (lr * mW[i]) / c1 / (Math.sqrt(vW[i] / c2) + eps);
    }
    for (let c = 0; c < C; c++) {
      mb[c] = beta1 * mb[c] + (1 - beta1) * gb[c];
      vb[c] = beta2 * vb[c] + (1 - beta2) * gb[c] * gb[c];
      b[c] -= (lr * mb[c]) / c1 / (Math.sqrt(vb[c] / c2) + eps);
    }
  }
  const features: Record<string, number[]> = {};
  for (const [f, i] of vocab) {
    const row = Array.from(W.subarray(i * C, i * C + C));
    if (Math.max(...row.map(Math.abs)) < options.pruneBelow) continue;
    features[f] = row.map(round2);
  }
  return { bias: Array.from(b).map(round2), features };
}

const round2 = (x: number) => Math.round(x * 100) / 100 || 0;

/** Deterministic fold of a group: a small string hash, so folds do not depend on input order. */
function foldOf(group: string, folds: number): number {
  let h = 2166136261;
  for (let i = 0; i < group.length; i++) h = Math.imul(h ^ group.charCodeAt(i), 16777619);
  return (h >>> 0) % folds;
}

/** Out-of-fold logits for every example (each predicted by a model that never saw its template). */
export function outOfFoldLogits(examples: LabelledText[], options: TrainOptions): { scores: number[]; label: number }[] {
  const out: { scores: number[]; label: number }[] = new Array(examples.length);
  for (let k = 0; k < options.folds; k++) {
    const trainIdx: number[] = [], holdIdx: number[] = [];
    examples.forEach((e, i) => (foldOf(e.group, options.folds) === k ? holdIdx : trainIdx).push(i));
    if (!holdIdx.length || !trainIdx.length) continue;
    const w = fit(trainIdx.map((i) => examples[i]), options);
    for (const i of holdIdx) out[i] = { scores: logits(w, featurize(examples[i].text)), label: INTENTS.indexOf(examples[i].intent) };
  }
  return out.filter(Boolean);
}

/** The temperature minimising negative log-likelihood on held-out logits (grid search; no randomness). */
export function fitTemperature(held: { scores: number[]; label: number }[]): { temperature: number; nll: number; accuracy: number } {
  let best = { temperature: 1, nll: Infinity };
  for (let t = 0.25; t <= 6.0001; t += 0.05) {
    let nll = 0;
    for (const { scores, label } of held) nll -= Math.log(Math.max(softmax(scores, t)[label], 1e-12));
    nll /= held.length || 1;
    if (nll < best.nll) best = { temperature: Math.round(t * 100) / 100, nll };
  }
  const correct = held.filter(({ scores, label }) => scores.indexOf(Math.max(...scores)) === label).length;
  return { ...best, accuracy: correct / (held.length || 1) };
}
