// The call result (calls.md) and the summary the business's recipients get. The summary is built only
// from the intake fields the business allows, plus routing facts (hour, disposition, hazards, script read).
import type { BusinessConfig, IntakeField, Recipient } from './config.ts';
import { inServiceArea, type CallState, type Disposition, type Turn } from './engine.ts';
import type { Violation } from './speak.ts';

export interface CallSummary {
  text: string;
  /** ids of the recipients whose `gets` matches this call */
  recipients: string[];
  /** which fixed safety script (and version) was read, per hazard */
  safetyScripts: { hazard: string; id: string; version: string }[];
}

export interface CallResult {
  callId: string;
  transcript: Turn[];
  hazards: string[];
  category: string | null;
  inScope: boolean;
  inServiceArea: boolean | null;
  afterHours: boolean;
  disposition: Disposition;
  intake: Record<string, string | null>;
  summary: CallSummary;
  violations: Violation[];
}

const FIELD_LABEL: Record<IntakeField, string> = {
  problem: 'Problem',
  name: 'Name',
  callbackNumber: 'Callback number',
  serviceAddress: 'Service address',
  zipCode: 'ZIP code',
  category: 'Category',
  propertyType: 'Property',
  preferredWindow: 'Preferred window (a preference only, nothing is booked)',
};

const DISPOSITION_LABEL: Record<Disposition, string> = {
  safety_escalation: 'SAFETY ESCALATION: urgent, hazard reported',
  transfer_on_call: 'URGENT: passed to on-call',
  message_taken: 'Message taken',
  out_of_area: 'Outside the service area',
  out_of_scope: 'Work the business does not do',
};

/** Which recipients get this call: `all`; `emergency` for hazards and on-call hand-offs; `after_hours`; a category id. */
export function recipientsFor(config: BusinessConfig, call: { disposition: Disposition; afterHours: boolean; category: string | null }): Recipient[] {
  const emergency = call.disposition === 'safety_escalation' || call.disposition === 'transfer_on_call';
  return config.recipients.filter((r) =>
    r.gets.some((g) => g === 'all' || (g === 'emergency' && emergency) || (g === 'after_hours' && call.afterHours) || (call.category !== null && g === call.category)),
  );
}

export function buildResult(config: BusinessConfig, state: CallState): CallResult {
  const disposition = state.disposition ?? 'message_taken';
  const intake: Record<string, string | null> = {};
  for (const field of config.intakeFields) intake[field] = state.intake[field] ?? null;
  const zip = state.intake.zipCode;
  const category = state.categoryId;
  const recipients = recipientsFor(config, { disposition, afterHours: state.afterHours, category }).map((r) => r.id);
  return {
    callId: state.callId,
    transcript: state.transcript,
    hazards: state.hazards,
    category,
    inScope: !(state.outOfScope && !category),
    inServiceArea: zip ? inServiceArea(config, zip) : null,
    afterHours: state.afterHours,
    disposition,
    intake,
    summary: { text: summaryText(config, state, disposition, intake), recipients, safetyScripts: state.scripts },
    violations: state.violations,
  };
}

function summaryText(config: BusinessConfig, state: CallState, disposition: Disposition, intake: Record<string, string | null>): string {
  const lines = [`${DISPOSITION_LABEL[disposition]}. Call ${state.callId} to ${config.business.name}, ${state.localTime} (${config.business.timezone})${state.afterHours ? ', after hours' : ''}${state.holiday ? ', holiday' : ''}.`];
  if (state.hazards.length) lines.push(`Hazards: ${state.hazards.join(', ')}.`);
  for (const s of state.scripts) lines.push(`Safety script read: ${s.id} v${s.version} (${s.hazard}).`);
  if (state.outOfScope && !state.categoryId) lines.push(`Requested work not offered: ${state.outOfScope.label}.`);
  for (const field of config.intakeFields) {
    const value = intake[field];
    const shown = field === 'category' && value ? config.categories.find((c) => c.id === value)?.label ?? value : value;
    lines.push(`${FIELD_LABEL[field]}: ${shown ?? '(not given)'}`);
  }
  if (intake.zipCode) lines.push(inServiceArea(config, intake.zipCode) ? 'In the service area.' : 'Outside the service area.');
  lines.push('Nothing was quoted, diagnosed, promised or booked on this call; staff own every next step.');
  return lines.join('\n');
}
