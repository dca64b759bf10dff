import { pass, type Gate } from './types.ts';

export const riskSignals: Gate = {
  id: 'risk_signals',
  run(ctx) {
    const levels = ctx.settings.risk.reviewLevels as readonly string[];
    const hit = ctx.facts.riskSignals.find((s) => levels.includes(s.level));
    if (hit) {
      return { verdict: 'review', reason: `a ${hit.level} risk signal (${hit.source}) for this customer`, details: { source: hit.source, level: hit.level, at: hit.at ?? null } };
    }
    return pass();
  },
};
