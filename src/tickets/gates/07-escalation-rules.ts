import { firstRuleThatHolds, type RuleHit } from '../escalation.ts';
import { pass, type Gate, type GateContext, type GateResult } from './types.ts';

/** The org's own rules (json-rules-engine): the highest-priority rule that holds applies its `then`. */
export const escalationRules: Gate = {
  id: 'escalation_rules',
  run(ctx) {
    // synchronous when the engine need not run (no rules, or none can hold): see decideNow
    const hit = firstRuleThatHolds(ctx);
    return hit instanceof Promise ? hit.then((h) => verdictFor(ctx, h)) : verdictFor(ctx, hit);
  },
};

function verdictFor(ctx: GateContext, hit: RuleHit | null): GateResult {
  if (!hit) return pass(ctx.settings.escalationRules.length ? { rulesChecked: ctx.settings.escalationRules.length } : undefined);
  const { rule, held, action } = hit;
  const on = action ? ` for the ${action.type} of order ${action.orderId}` : '';
  const because = held.map((c) => `${c.negated ? 'not ' : ''}${c.fact}${c.path ? c.path.slice(1) : ''} ${c.operator} ${JSON.stringify(c.value)}`).join(' and ');
  return {
    verdict: rule.then,
    reason: `rule "${rule.id}" (priority ${rule.priority})${on}: ${because || 'its conditions held'}`,
    details: { rule: rule.id, priority: rule.priority, then: rule.then, conditionsHeld: held, ...(action ? { action: action.index } : {}) },
    // a rule about one action blocks that action; a rule about the ticket blocks all of them
    ...(rule.then === 'block' ? { refused: action ? [action.index] : ctx.actions.map((a) => a.index) } : {}),
  };
}
