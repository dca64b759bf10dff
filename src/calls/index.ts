// The calls area's public surface, for the service and the dashboard.
export { parseBusinessConfig, businessConfigSchema, INTAKE_FIELDS, HAZARDS, type BusinessConfig, type Hazard, type IntakeField } from './config.ts';
export { openCall, hearCaller, hangUp, type CallState, type Disposition, type Step } from './engine.ts';
export { resolveCall, simulateCall, scriptedCallSchema, type ScriptedCall } from './simulate.ts';
export { buildResult, recipientsFor, type CallResult, type CallSummary } from './result.ts';
export { runQa, type QaReport } from './qa/run.ts';
export { formatQaReport } from './qa/report.ts';
export { detectHazards } from './hazards.ts';
export * from './twilio/index.ts';
export * from './delivery/index.ts';
