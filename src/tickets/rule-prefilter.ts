import type { RuleCondition } from './rules.ts';

/**
 * A synchronous twin of json-rules-engine's evaluation for the conditions our settings schema
 * admits, used only to skip the (async, slower) engine when no rule can hold. When it says a rule
 * holds, or it cannot tell, the engine runs and its result is the one that counts. A property
 * test (test/tickets/rule-prefilter.test.ts) pins that both agree.
 *
 * Mirrors json-rules-engine 7: engine-default-operators.js (validator && callback), Almanac.factValue
 * (a path applies only to an object fact value), and rule.js (all conditions of a group are
 * evaluated, then every/some; `not` negates; a single condition is its own result).
 */
export type Operators = Record<string, (fact: unknown, value: unknown) => boolean>;

const isNumber = (v: unknown) => Number.parseFloat(v as string).toString() !== 'NaN';
const DEFAULT_OPERATORS: Operators = {
  equal: (a, b) => a === b,
  notEqual: (a, b) => a !== b,
  in: (a, b) => (b as unknown[]).indexOf(a) > -1,
  notIn: (a, b) => (b as unknown[]).indexOf(a) === -1,
  contains: (a, b) => Array.isArray(a) && a.indexOf(b) > -1,
  doesNotContain: (a, b) => Array.isArray(a) && a.indexOf(b) === -1,
  lessThan: (a, b) => isNumber(a) && (a as number) < (b as number),
  lessThanInclusive: (a, b) => isNumber(a) && (a as number) <= (b as number),
  greaterThan: (a, b) => isNumber(a) && (a as number) > (b as number),
  greaterThanInclusive: (a, b) => isNumber(a) && (a as number) >= (b as number),
};

/** True when the twin can evaluate every condition (no `{ fact }` references as values). */
export function canPrefilter(condition: RuleCondition): boolean {
  if ('all' in condition) return condition.all.every(canPrefilter);
  if ('any' in condition) return condition.any.every(canPrefilter);
  if ('not' in condition) return canPrefilter(condition.not);
  const v = condition.value as Record<string, unknown> | null;
  return !(v !== null && typeof v === 'object' && Object.prototype.hasOwnProperty.call(v, 'fact'));
}

/** Whether the condition holds for these facts; throws where the engine would reject. */
export function conditionHolds(
  condition: RuleCondition,
  facts: Record<string, unknown>,
  extra: Operators,
  resolvePath: (value: unknown, path: string) => unknown,
): boolean {
  if ('all' in condition || 'any' in condition) {
    const list = 'all' in condition ? condition.all : condition.any;
    // every condition is evaluated, as the engine does (a throw anywhere rejects the run)
    const results = list.map((c) => conditionHolds(c, facts, extra, resolvePath));
    if (results.length === 1) return results[0];
    return 'all' in condition ? results.every((r) => r === true) : results.some((r) => r === true);
  }
  if ('not' in condition) return !conditionHolds(condition.not, facts, extra, resolvePath);
  const op = DEFAULT_OPERATORS[condition.operator] ?? extra[condition.operator];
  if (!op) throw new Error(`Unknown operator: ${condition.operator}`);
  let value = facts[condition.fact];
  if (condition.path && value !== null && typeof value === 'object') value = resolvePath(value, condition.path);
  return op(value, condition.value);
}
