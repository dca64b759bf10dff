import type { Customer, ModelAnswer, Order, Ticket } from '../../tickets/scenario.ts';

/** What a model sees: the ticket (as data, never as instructions) and the store facts the service holds. */
export interface ModelInput {
  ticket: Ticket;
  customer: Customer | null;
  orders: Order[];
  now: string;
}

/**
 * A model proposes; the gates decide. Implementations: the built-in local model, an
 * OpenAI-compatible endpoint. The answer is validated with `modelAnswerSchema` by the caller.
 */
export interface ModelAdapter {
  readonly name: string;
  propose(input: ModelInput, signal?: AbortSignal): Promise<unknown>;
}
