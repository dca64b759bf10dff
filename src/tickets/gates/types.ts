import type { Customer, GateId, HistoryEntry, ModelAnswer, Order, RiskSignal, Scenario, Verdict } from '../scenario.ts';
import type { ActionType, Settings } from '../settings.ts';
import type { ProposedAction } from '../scenario.ts';

/** A proposed action with what the gates derive from the store, never from the model. */
export interface PricedAction {
  readonly index: number;
  readonly proposed: ProposedAction;
  readonly type: ActionType;
  readonly orderId: string;
  /** the store order the action names, or null when the store has no such order */
  readonly order: Order | null;
  /** the order's createdAt in ms (NaN without an order) */
  readonly orderCreatedAt: number;
  /** money at stake, in cents: a refund's amount, a cancel's remaining refundable amount, an exchanged item's price */
  readonly cents: number;
  readonly currency: string;
}

/** Facts derived once, before any gate runs, and frozen. */
export interface Facts {
  readonly nowMs: number;
  readonly customer: Customer | null;
  /** lower-cased tags of the ticket's customer */
  readonly customerTags: readonly string[];
  /** the customer's orders in the store */
  readonly customerOrders: readonly Order[];
  /** createdAt of each of customerOrders, in ms */
  readonly customerOrdersCreatedAt: readonly number[];
  /** every store order by (upper-cased) id */
  readonly ordersById: ReadonlyMap<string, Order>;
  /** order ids the ticket's own subject and body name (extract-order-ids.ts) */
  readonly orderIds: readonly string[];
  /** the customer's history (entries at or before now) */
  readonly customerHistory: readonly HistoryEntry[];
  /** `at` of each customerHistory entry, in ms */
  readonly customerHistoryAt: readonly number[];
  /** the org's executed actions (entries at or before now), all customers */
  readonly executedActions: readonly Extract<HistoryEntry, { kind: 'action' }>[];
  /** `at` of each executedActions entry, in ms */
  readonly executedActionsAt: readonly number[];
  /** the org's actions of the last hour that the history does not list, counted at the edge (DecideDeps.orgRecentActions) */
  readonly orgLastHourUnlisted: number;
  /** their types */
  readonly executedTypesUnlisted: readonly string[];
  readonly riskSignals: readonly RiskSignal[];
}

/** The model's answer, or why there is none (the kill switch, a timeout, a malformed answer). */
export type ModelResult =
  | { readonly ok: true; readonly answer: ModelAnswer; readonly source: string }
  | { readonly ok: false; readonly reason: string };

export interface GateContext {
  readonly scenario: Scenario;
  readonly settings: Settings;
  readonly env: { readonly killSwitch: boolean };
  readonly facts: Facts;
  readonly model: ModelResult;
  /** the proposed actions, priced from the store; empty when the model failed */
  readonly actions: readonly PricedAction[];
}

export interface GateResult {
  readonly verdict: Verdict;
  readonly reason?: string;
  readonly details?: Record<string, unknown>;
  /** indexes of the actions this gate refused (their status becomes `blocked`) */
  readonly refused?: readonly number[];
  /** the reply text as it would be sent (output guardrails: redacted, required text appended) */
  readonly replyText?: string | null;
  readonly findings?: readonly import('../../guardrails/types.ts').Finding[];
}

/** One gate: an id from GATE_IDS and a pure function of the frozen context. */
export interface Gate {
  readonly id: GateId;
  run(ctx: GateContext): GateResult | Promise<GateResult>;
}

export const pass = (details?: Record<string, unknown>): GateResult => (details ? { verdict: 'pass', details } : { verdict: 'pass' });
export const skip = (reason: string): GateResult => ({ verdict: 'skip', reason });

/** The answer of a model that gate 3 accepted; later gates only run after it. */
export function answerOf(ctx: GateContext): ModelAnswer {
  if (!ctx.model.ok) throw new Error('a gate after classification ran without a model answer');
  return ctx.model.answer;
}

/** 12.5 → "12.50" */
export function money(cents: number): string {
  return (cents / 100).toFixed(2);
}

export function toCents(amount: number): number {
  return Math.round(amount * 100);
}

export const DAY_MS = 86_400_000;
