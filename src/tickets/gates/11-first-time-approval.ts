import { pass, skip, type Gate } from './types.ts';

/** The first action of a type the org ever executes waits for a person (it has never been seen working). */
export const firstTimeApproval: Gate = {
  id: 'first_time_approval',
  run(ctx) {
    if (ctx.actions.length === 0) return skip('no actions proposed');
    if (!ctx.settings.firstTimeApproval) return pass({ enabled: false });
    const done = new Set<string>(ctx.facts.executedActions.map((h) => h.type));
    for (const type of ctx.facts.executedTypesUnlisted) done.add(type);
    const firsts = [...new Set(ctx.actions.map((a) => a.type))].filter((t) => !done.has(t));
    if (firsts.length) return { verdict: 'approve', reason: `the first ${firsts.join(' and ')} this org would execute`, details: { firstTypes: firsts } };
    return pass();
  },
};
