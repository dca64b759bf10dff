import { z } from 'zod';
import { INTENTS, RISK_LEVELS, ACTION_TYPES } from './settings.ts';
import type { Finding } from '../guardrails/types.ts';

/** ISO 8601 date-time with an offset (`2026-03-30T12:00:00Z`). */
const instant = z.iso.datetime({ offset: true });
const money = z.number().finite().nonnegative();
/** Order ids arrive as strings or numbers from stores; we compare them as strings. */
const id = z.union([z.string().min(1), z.number().int().nonnegative().transform(String)], {
  error: (issue) => (issue.input === undefined ? 'required' : 'must be a non-empty string or a non-negative whole number'),
});

export const customerSchema = z.object({
  id,
  email: z.string().min(1),
  name: z.string().nullish(),
  tags: z.array(z.string()).default([]),
  createdAt: instant.nullish(),
});
export type Customer = z.output<typeof customerSchema>;

export const lineItemSchema = z.object({
  id,
  sku: z.string().nullish(),
  title: z.string().nullish(),
  quantity: z.number().int().nonnegative().default(1),
  price: money,
});

export const orderSchema = z.object({
  id,
  customerId: id.nullish(),
  createdAt: instant,
  currency: z.string().regex(/^[A-Z]{3}$/, 'a three-letter ISO currency code').default('USD'),
  totalPrice: money,
  refundedAmount: money.default(0),
  financialStatus: z.enum(['paid', 'partially_refunded', 'refunded', 'pending']).default('paid'),
  fulfillmentStatus: z.enum(['unfulfilled', 'partial', 'fulfilled']).default('unfulfilled'),
  cancelledAt: instant.nullish(),
  lineItems: z.array(lineItemSchema).default([]),
});
export type Order = z.output<typeof orderSchema>;

const historyAction = z.object({
  kind: z.literal('action'),
  type: z.enum(ACTION_TYPES),
  customerId: id.nullish(),
  orderId: id.nullish(),
  amount: money.nullish(),
  reason: z.string().nullish(),
  status: z.string().default('executed'),
  at: instant,
});
const historyTicket = z.object({
  kind: z.literal('ticket'),
  customerId: id.nullish(),
  intent: z.string().nullish(),
  reason: z.string().nullish(),
  at: instant,
});
export const historyEntrySchema = z.discriminatedUnion('kind', [historyAction, historyTicket]);
export type HistoryEntry = z.output<typeof historyEntrySchema>;

export const riskSignalSchema = z.object({
  customerId: id,
  source: z.string().default('unknown'),
  level: z.enum(RISK_LEVELS),
  at: instant.nullish(),
  note: z.string().nullish(),
});
export type RiskSignal = z.output<typeof riskSignalSchema>;

export const ticketSchema = z.object({
  id,
  channel: z.string().default('email'),
  from: z.string().default(''),
  subject: z.string().default(''),
  body: z.string(),
  receivedAt: instant.nullish(),
});
export type Ticket = z.output<typeof ticketSchema>;

/** A proposed action, as a model (recorded or live) states it. Nothing here is trusted by the gates. */
export const proposedActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('refund'), orderId: id, amount: z.number().finite().positive(), reason: z.string().nullish() }),
  z.object({ type: z.literal('cancel'), orderId: id, reason: z.string().nullish() }),
  z.object({ type: z.literal('exchange'), orderId: id, lineItemId: id, newSku: z.string().min(1), reason: z.string().nullish() }),
]);
export type ProposedAction = z.output<typeof proposedActionSchema>;

/** A model's answer: the recorded `model` of a scenario and a live model's reply are validated by this one schema. */
export const modelAnswerSchema = z.object({
  intent: z.enum(INTENTS),
  confidence: z.number().min(0).max(1),
  actions: z.array(proposedActionSchema).max(20).default([]),
  reply: z.string().max(20_000).nullish(),
});
export type ModelAnswer = z.output<typeof modelAnswerSchema>;

export const scenarioSchema = z.object({
  id: id.nullish(),
  now: instant.nullish(),
  settings: z.record(z.string(), z.unknown()).default({}),
  store: z
    .object({ customers: z.array(customerSchema).default([]), orders: z.array(orderSchema).default([]) })
    .prefault({}),
  history: z.array(historyEntrySchema).default([]),
  riskSignals: z.array(riskSignalSchema).default([]),
  ticket: ticketSchema,
  model: modelAnswerSchema.nullish(),
});
/** A parsed scenario; `settings` is still the partial input (resolve it with resolveSettings). */
export type Scenario = z.output<typeof scenarioSchema>;

// ---------------------------------------------------------------- decision

export const VERDICTS = ['pass', 'skip', 'review', 'approve', 'block', 'short_circuit', 'halt'] as const;
export type Verdict = (typeof VERDICTS)[number];

export const GATE_IDS = [
  'kill_switch', 'shadow_mode', 'classification_confidence', 'short_circuit', 'abuse_detection',
  'risk_signals', 'escalation_rules', 'entity_validation', 'monetary_threshold', 'rate_limits',
  'first_time_approval', 'output_guardrails',
] as const;
export type GateId = (typeof GATE_IDS)[number];

export type Outcome = 'halted' | 'short_circuited' | 'needs_review' | 'awaiting_approval' | 'blocked' | 'executed' | 'shadow';
export type ActionStatus = 'executed' | 'awaiting_approval' | 'blocked' | 'not_run' | 'would_execute';
export type ReplyStatus = 'sent' | 'held' | 'blocked' | 'none' | 'would_send';

export interface TraceEntry {
  gate: GateId;
  verdict: Verdict;
  reason?: string;
  /** gate-specific facts a merchant reads: the rule that applied and its conditions, the values compared */
  details?: Record<string, unknown>;
}

export interface DecidedAction {
  type: (typeof ACTION_TYPES)[number];
  orderId: string;
  amount: number;
  currency: string;
  status: ActionStatus;
  lineItemId?: string;
  newSku?: string;
  reason?: string | null;
}

export interface Decision {
  scenarioId: string | null;
  ticketId: string;
  outcome: Outcome;
  wouldBe: Outcome | null;
  stoppedAt: { gate: GateId; reason: string } | null;
  intent: string | null;
  confidence: number | null;
  entities: { orderIds: string[] };
  actions: DecidedAction[];
  reply: { status: ReplyStatus; text: string | null; findings: Finding[] };
  trace: TraceEntry[];
}
