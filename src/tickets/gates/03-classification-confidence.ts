import { pass, type Gate } from './types.ts';

/** Low confidence, or no usable model answer at all (fail closed), sends the ticket to a person. */
export const classificationConfidence: Gate = {
  id: 'classification_confidence',
  run(ctx) {
    if (!ctx.model.ok) return { verdict: 'review', reason: ctx.model.reason };
    const { confidence, intent } = ctx.model.answer;
    const min = ctx.settings.classification.minConfidence;
    if (confidence < min) {
      return { verdict: 'review', reason: `confidence ${confidence} for ${intent} is below the minimum of ${min}`, details: { confidence, minConfidence: min } };
    }
    return pass({ intent, confidence, source: ctx.model.source });
  },
};
