import { answerOf, pass, type Gate } from './types.ts';

// Each reason names the intent as the spec does, so `stoppedAt.reason` says which one stopped the run.
const WHY: Record<string, string> = {
  spam: 'spam',
  human_request: 'human_request: the customer asks for a person',
  general_inquiry: 'general_inquiry: a general inquiry',
};

export const shortCircuit: Gate = {
  id: 'short_circuit',
  run(ctx) {
    const { intent } = answerOf(ctx);
    if ((ctx.settings.shortCircuit.intents as readonly string[]).includes(intent)) {
      return { verdict: 'short_circuit', reason: WHY[intent] ?? `intent ${intent}`, details: { intent } };
    }
    return pass();
  },
};
