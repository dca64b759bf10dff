import { describe, expect, it } from 'vitest';
import { GATES } from '../../src/tickets/gates/index.ts';
import { GATE_IDS } from '../../src/tickets/scenario.ts';

describe('the gate list', () => {
  it('runs the 12 gates in the spec order, each once', () => {
    expect(GATES.map((g) => g.id)).toEqual([
      'kill_switch', 'shadow_mode', 'classification_confidence', 'short_circuit', 'abuse_detection',
      'risk_signals', 'escalation_rules', 'entity_validation', 'monetary_threshold', 'rate_limits',
      'first_time_approval', 'output_guardrails',
    ]);
    expect(GATES.map((g) => g.id)).toEqual([...GATE_IDS]);
  });

  it('cannot be reordered at run time', () => {
    expect(Object.isFrozen(GATES)).toBe(true);
  });
});
