// Request and response schemas of the API: they validate requests and generate /v1/openapi.json.
import { z } from 'zod';
import { modelAnswerSchema, ticketSchema, riskSignalSchema } from '../../tickets/scenario.ts';

const ticketId = z.union([z.string().min(1).max(200), z.number().int().nonnegative().transform(String)]);

export const postTicketBody = z.object({
  ticket: ticketSchema.extend({ id: ticketId, body: z.string().max(200_000) }),
  /** the proposal of the merchant's own AI, gated like any model answer (never trusted) */
  model: modelAnswerSchema.nullish(),
});

export const ticketAccepted = z.object({ id: z.string(), status: z.string(), duplicate: z.boolean() });

const decidedAction = z.object({
  id: z.string(), ticketId: z.string(), idx: z.number(), type: z.string(), orderId: z.string(), customerId: z.string().nullable(),
  amount: z.number(), currency: z.string(), status: z.string(), gate: z.string().nullable(), reason: z.string().nullable(),
  note: z.string().nullable(), approvedBy: z.string().nullable(), rejectedBy: z.string().nullable(),
  createdAt: z.string(), executedAt: z.string().nullable(),
});

export const ticketView = z.object({
  id: z.string(), status: z.enum(['queued', 'decided', 'halted', 'failed']), outcome: z.string().nullable(), wouldBe: z.string().nullable(),
  intent: z.string().nullable(), confidence: z.number().nullable(), customerId: z.string().nullable(),
  ticket: z.record(z.string(), z.unknown()), decision: z.record(z.string(), z.unknown()).nullable(),
  actions: z.array(decidedAction), error: z.string().nullable(), createdAt: z.string(), decidedAt: z.string().nullable(),
});

export const ticketListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).optional(),
  before: z.iso.datetime({ offset: true }).optional(),
  outcome: z.string().max(40).optional(),
});

export const approveBody = z.object({
  orderId: z.union([z.string().min(1), z.number().transform(String)]),
  amount: z.number().finite().nonnegative(),
  type: z.enum(['refund', 'cancel', 'exchange']).optional(),
});
export const rejectBody = z.object({
  reason: z.string().trim().min(1, 'say why the action is rejected').max(2000),
  orderId: z.union([z.string().min(1), z.number().transform(String)]).optional(),
  amount: z.number().finite().nonnegative().optional(),
});

export const auditQuery = z.object({
  type: z.string().max(40).optional(),
  status: z.string().max(40).optional(),
  customer: z.string().max(200).optional(),
  ticket: z.string().max(200).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  format: z.enum(['json', 'jsonl']).optional(),
});

export const putSettingsBody = z.object({
  settings: z.record(z.string(), z.unknown()),
  /** the version the edit started from: a save in between is refused with 409 */
  version: z.number().int().nonnegative().optional(),
});
export const killSwitchBody = z.object({ on: z.boolean() });

export const reportQuery = z.object({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

export const loginBody = z.object({ email: z.string().min(3).max(320), password: z.string().min(1).max(1000) });
export const createKeyBody = z.object({ name: z.string().trim().min(1).max(100) });
export const riskSignalBody = riskSignalSchema;

export const anyObject = z.record(z.string(), z.unknown());
