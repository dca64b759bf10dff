import type { ModelAdapter } from '../../adapters/model/types.ts';
import { modelAnswerSchema, type ModelAnswer } from '../../tickets/scenario.ts';
import { loadBuiltinModel } from '../../tickets/model-call.ts';

/**
 * Wraps the configured model to keep its answer: the locked re-check and later approvals decide
 * again on the same answer (as a recorded `model`) instead of asking the model twice.
 */
export function recordingModel(inner: ModelAdapter | undefined) {
  let raw: unknown;
  const adapter: ModelAdapter = {
    name: inner?.name ?? 'builtin',
    async propose(input, signal) {
      const model = inner ?? (await loadBuiltinModel());
      raw = await model.propose(input, signal);
      return raw;
    },
  };
  return {
    adapter,
    answer(): ModelAnswer | null {
      const parsed = modelAnswerSchema.safeParse(raw);
      return parsed.success ? parsed.data : null;
    },
  };
}
