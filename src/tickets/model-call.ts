import type { ModelAdapter } from '../adapters/model/types.ts';
import { modelAnswerSchema, type Scenario } from './scenario.ts';
import type { Facts, ModelResult } from './gates/types.ts';
import { fieldPath } from '../errors.ts';

export const DEFAULT_MODEL_TIMEOUT_MS = 10_000;

let builtin: Promise<ModelAdapter> | undefined;

/** The built-in local model, loaded on first use (a scenario with a recorded answer never loads it). */
export function loadBuiltinModel(): Promise<ModelAdapter> {
  // A computed specifier: the model lives in another engineer's module and loads only when needed.
  const url = new URL('../adapters/model/builtin.ts', import.meta.url).href;
  builtin ??= import(url).then((m: { builtinModel?: ModelAdapter }) => {
    if (!m.builtinModel) throw new Error('the built-in model module exports no builtinModel');
    return m.builtinModel;
  });
  builtin.catch(() => (builtin = undefined));
  return builtin;
}

/**
 * The model's answer for this ticket: the recorded one (already validated with the scenario), or
 * the configured model's. A model that throws, times out or answers something invalid gives
 * `{ ok: false, reason }` and the ticket goes to a person (fail closed).
 */
export async function askModel(
  scenario: Scenario,
  facts: Facts,
  adapter: ModelAdapter | undefined,
  timeoutMs = DEFAULT_MODEL_TIMEOUT_MS,
): Promise<ModelResult> {
  if (scenario.model) return { ok: true, answer: scenario.model, source: 'recorded' };
  let model: ModelAdapter;
  try {
    model = adapter ?? (await loadBuiltinModel());
  } catch (error) {
    return { ok: false, reason: `the model is unavailable: ${(error as Error).message}` };
  }
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
  });
  let raw: unknown;
  try {
    raw = await Promise.race([
      model.propose({ ticket: scenario.ticket, customer: facts.customer, orders: [...facts.customerOrders], now: new Date(facts.nowMs).toISOString() }, controller.signal),
      timeout,
    ]);
  } catch (error) {
    return { ok: false, reason: `the model (${model.name}) failed: ${(error as Error)?.message ?? String(error)}` };
  } finally {
    clearTimeout(timer);
  }
  const parsed = modelAnswerSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `the model (${model.name}) gave an invalid answer: ${fieldPath(issue.path) || '(root)'}: ${issue.message}` };
  }
  return { ok: true, answer: parsed.data, source: model.name };
}
