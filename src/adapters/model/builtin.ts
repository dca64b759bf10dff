// The built-in local model: an offline intent classifier plus a careful planner and a reply
// drafted from the store facts. Deterministic: the same input gives the same answer.
import type { ModelAnswer } from '../../tickets/scenario.ts';
import type { Intent } from '../../tickets/settings.ts';
import type { ModelAdapter, ModelInput } from './types.ts';
import { classify, loadWeights, type Weights } from './local/classifier.ts';
import { ticketText } from './local/features.ts';
import { planActions } from './local/actions.ts';
import { draftReply } from './local/reply.ts';
import { injectionCap } from './local/injection.ts';

export interface BuiltinModelOptions {
  /** classifier weights; the committed `local/weights.json` by default */
  weights?: Weights;
}

/** The intent and its confidence, as the model reports them (3 decimals, rounded down). */
export function classifyTicket(weights: Weights, subject: string | null | undefined, body: string): { intent: Intent; confidence: number } {
  const text = ticketText(subject, body);
  const { intent, confidence } = classify(weights, text);
  // Text that tries to instruct the agent goes to a person: confidence is capped below any sane threshold.
  // Rounded down: rounding must never lift a confidence over a review threshold.
  return { intent, confidence: Math.floor(Math.min(confidence, injectionCap(text)) * 1000) / 1000 };
}

/** Classify, plan and draft in one pure step (what `propose` resolves to). */
export function answerTicket(weights: Weights, input: ModelInput): ModelAnswer {
  const { subject, body } = input.ticket;
  const { intent, confidence } = classifyTicket(weights, subject, body);
  const plan = planActions({ intent, subject: subject ?? '', body, customer: input.customer, orders: input.orders });
  return {
    intent,
    confidence,
    actions: plan.actions,
    reply: draftReply(plan.situation, input.customer),
  };
}

/**
 * Example: `await createBuiltinModel().propose({ ticket, customer, orders, now })`
 * → `{ intent: 'refund_request', confidence: 0.93, actions: [{ type: 'refund', … }], reply: 'Hi Jane, …' }`
 */
export function createBuiltinModel(options: BuiltinModelOptions = {}): ModelAdapter {
  let weights = options.weights;
  return {
    name: 'builtin',
    async propose(input: ModelInput, signal?: AbortSignal): Promise<ModelAnswer> {
      signal?.throwIfAborted();
      weights ??= loadWeights();
      return answerTicket(weights, input);
    },
  };
}

export const builtinModel: ModelAdapter = createBuiltinModel();
