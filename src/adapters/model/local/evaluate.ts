// Scores the classifier on a labelled set: accuracy, per-intent precision/recall, the confusion
// matrix, and what matters for safety: how much lands above the review threshold, and how
// accurate that part is.
import { INTENTS, type Intent } from '../../../tickets/settings.ts';

export interface Prediction { expected: Intent; predicted: Intent; confidence: number }

export interface Report {
  total: number;
  accuracy: number;
  perIntent: Record<Intent, { precision: number; recall: number; support: number }>;
  /** confusion[expected][predicted] = count */
  confusion: Record<Intent, Record<Intent, number>>;
  threshold: number;
  /** fraction of tickets at or above the threshold */
  coverage: number;
  /** accuracy among those tickets */
  confidentAccuracy: number;
  /** mean |confidence − correctness| over 10 bins: 0 is perfectly calibrated */
  calibrationError: number;
  /** confident and wrong, predicting an intent that proposes actions (refund, cancel, exchange): the costly mistakes */
  confidentWrongActions: number;
}

/** What the committed weights must keep on the held-out set (just under what they measure; docs/model.md). */
export const FLOORS = { accuracy: 0.92, confidentAccuracy: 0.975, coverage: 0.8, recall: 0.78, confidentWrongActionsRate: 0.01 } as const;

/** The floors a report falls below (empty when it holds them all). */
export function belowFloors(r: Report): string[] {
  const out: string[] = [];
  if (r.accuracy < FLOORS.accuracy) out.push(`accuracy ${r.accuracy.toFixed(3)} < ${FLOORS.accuracy}`);
  if (r.confidentAccuracy < FLOORS.confidentAccuracy) out.push(`accuracy above the threshold ${r.confidentAccuracy.toFixed(3)} < ${FLOORS.confidentAccuracy}`);
  if (r.coverage < FLOORS.coverage) out.push(`coverage ${r.coverage.toFixed(3)} < ${FLOORS.coverage}`);
  for (const [intent, m] of Object.entries(r.perIntent)) if (m.recall < FLOORS.recall) out.push(`${intent} recall ${m.recall.toFixed(3)} < ${FLOORS.recall}`);
  if (r.confidentWrongActions / (r.total || 1) > FLOORS.confidentWrongActionsRate) out.push(`${r.confidentWrongActions} confident mistakes towards an action intent`);
  return out;
}

const ACTION_INTENTS: ReadonlySet<Intent> = new Set(['refund_request', 'cancel_order', 'exchange_request']);

const ratio = (a: number, b: number) => (b ? a / b : 0);

export function evaluate(predictions: readonly Prediction[], threshold = 0.8): Report {
  const confusion = Object.fromEntries(INTENTS.map((e) => [e, Object.fromEntries(INTENTS.map((p) => [p, 0]))])) as Report['confusion'];
  for (const p of predictions) confusion[p.expected][p.predicted]++;
  const correct = predictions.filter((p) => p.expected === p.predicted).length;
  const perIntent = Object.fromEntries(INTENTS.map((intent) => {
    const tp = confusion[intent][intent];
    const predicted = INTENTS.reduce((n, e) => n + confusion[e][intent], 0);
    const support = INTENTS.reduce((n, p) => n + confusion[intent][p], 0);
    return [intent, { precision: ratio(tp, predicted), recall: ratio(tp, support), support }];
  })) as Report['perIntent'];
  const confident = predictions.filter((p) => p.confidence >= threshold);
  const bins = Array.from({ length: 10 }, () => ({ n: 0, conf: 0, right: 0 }));
  for (const p of predictions) {
    const b = bins[Math.min(9, Math.floor(p.confidence * 10))];
    b.n++; b.conf += p.confidence; b.right += p.expected === p.predicted ? 1 : 0;
  }
  const calibrationError = bins.reduce((sum, b) => sum + (b.n ? Math.abs(b.conf - b.right) : 0), 0) / (predictions.length || 1);
  return {
    total: predictions.length,
    accuracy: ratio(correct, predictions.length),
    perIntent,
    confusion,
    threshold,
    coverage: ratio(confident.length, predictions.length),
    confidentAccuracy: ratio(confident.filter((p) => p.expected === p.predicted).length, confident.length),
    calibrationError,
    confidentWrongActions: confident.filter((p) => p.expected !== p.predicted && ACTION_INTENTS.has(p.predicted)).length,
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const SHORT: Record<Intent, string> = {
  order_status: 'status', refund_request: 'refund', cancel_order: 'cancel', exchange_request: 'exchg',
  human_request: 'human', general_inquiry: 'general', spam: 'spam',
};

export function formatReport(r: Report): string {
  const lines = [
    `held-out tickets: ${r.total}`,
    `accuracy: ${pct(r.accuracy)}`,
    `confidence ≥ ${r.threshold}: ${pct(r.coverage)} of tickets, accuracy among them ${pct(r.confidentAccuracy)}`,
    `confident mistakes towards an action intent (refund/cancel/exchange): ${r.confidentWrongActions}`,
    `expected calibration error: ${r.calibrationError.toFixed(3)}`,
    '',
    'intent              precision  recall  support',
    ...INTENTS.map((i) => `${i.padEnd(20)}${pct(r.perIntent[i].precision).padStart(9)}${pct(r.perIntent[i].recall).padStart(8)}${String(r.perIntent[i].support).padStart(9)}`),
    '',
    `confusion (rows: expected, columns: predicted)`,
    `${''.padEnd(10)}${INTENTS.map((i) => SHORT[i].padStart(8)).join('')}`,
    ...INTENTS.map((e) => `${SHORT[e].padEnd(10)}${INTENTS.map((p) => String(r.confusion[e][p]).padStart(8)).join('')}`),
  ];
  return lines.join('\n');
}
