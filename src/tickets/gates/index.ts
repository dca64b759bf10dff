import type { Gate } from './types.ts';
import { killSwitch } from './01-kill-switch.ts';
import { shadowMode } from './02-shadow-mode.ts';
import { classificationConfidence } from './03-classification-confidence.ts';
import { shortCircuit } from './04-short-circuit.ts';
import { abuseDetection } from './05-abuse-detection.ts';
import { riskSignals } from './06-risk-signals.ts';
import { escalationRules } from './07-escalation-rules.ts';
import { entityValidation } from './08-entity-validation.ts';
import { monetaryThreshold } from './09-monetary-threshold.ts';
import { rateLimits } from './10-rate-limits.ts';
import { firstTimeApproval } from './11-first-time-approval.ts';
import { outputGuardrails } from './12-output-guardrails.ts';

/** The pipeline, in the spec's order. Adding a gate is adding one file and one line here. */
export const GATES: readonly Gate[] = Object.freeze([
  killSwitch,
  shadowMode,
  classificationConfidence,
  shortCircuit,
  abuseDetection,
  riskSignals,
  escalationRules,
  entityValidation,
  monetaryThreshold,
  rateLimits,
  firstTimeApproval,
  outputGuardrails,
]);

export type { Gate, GateContext, GateResult } from './types.ts';
