import { describe, expect, it } from 'vitest';
import { belowFloors, evaluate } from '../../src/adapters/model/local/evaluate.ts';

describe('evaluate', () => {
  const report = evaluate([
    { expected: 'refund_request', predicted: 'refund_request', confidence: 0.95 },
    { expected: 'refund_request', predicted: 'cancel_order', confidence: 0.9 },
    { expected: 'spam', predicted: 'spam', confidence: 0.5 },
    { expected: 'order_status', predicted: 'spam', confidence: 0.3 },
  ]);
  it('counts accuracy, precision, recall and the confusion matrix', () => {
    expect(report.accuracy).toBe(0.5);
    expect(report.perIntent.refund_request).toEqual({ precision: 1, recall: 0.5, support: 2 });
    expect(report.perIntent.spam).toEqual({ precision: 0.5, recall: 1, support: 1 });
    expect(report.confusion.refund_request.cancel_order).toBe(1);
  });
  it('measures the confident part separately, and its costly mistakes', () => {
    expect(report.coverage).toBe(0.5);
    expect(report.confidentAccuracy).toBe(0.5);
    expect(report.confidentWrongActions).toBe(1);
    expect(belowFloors(report).length).toBeGreaterThan(0);
  });
});
