import type { FactCondition, RuleCondition } from './rules.ts';

/**
 * A synchronous twin of json-rules-engine's evaluation for the conditions our settings schema
 * admits, so a ticket need not wait on the (async, slower) engine: for rules it can evaluate, the
 * twin says which rule holds and which of its conditions held, as the engine would. Where it cannot
 * tell (a condition that compares with another fact, or a condition that throws), the engine runs
 * and its result is the one that counts. A property test (test/tickets/rule-prefilter.test.ts)
 * pins that both agree, held conditions included.
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

type PathResolver = (value: unknown, path: string) => unknown;

/** Whether the condition holds for these facts; throws where the engine would reject. */
export function conditionHolds(condition: RuleCondition, facts: Record<string, unknown>, extra: Operators, resolvePath: PathResolver): boolean {
  if ('all' in condition || 'any' in condition) {
    const list = 'all' in condition ? condition.all : condition.any;
    // every condition is evaluated, as the engine does (a throw anywhere rejects the run)
    const results = list.map((c) => conditionHolds(c, facts, extra, resolvePath));
    if (results.length === 1) return results[0];
    return 'all' in condition ? results.every((r) => r === true) : results.some((r) => r === true);
  }
  if ('not' in condition) return !conditionHolds(condition.not, facts, extra, resolvePath);
  return leafHolds(condition, factValueOf(condition, facts, resolvePath), extra);
}

/** A leaf condition that held (or, under a `not`, did not): what a merchant reads in the trace. */
export interface HeldCondition {
  fact: string;
  path?: string;
  operator: string;
  value: unknown;
  factValue: unknown;
  negated?: boolean;
}

/**
 * The leaf conditions whose truth made a holding condition hold, exactly as escalation.ts reads them
 * from the engine's result tree: the engine evaluates every leaf (all conditions of a group run),
 * and a leaf counts when its result is true, or false under a `not`. Throws where the engine would reject.
 */
export function heldLeaves(condition: RuleCondition, facts: Record<string, unknown>, extra: Operators, resolvePath: PathResolver, negated = false): HeldCondition[] {
  if ('all' in condition) return condition.all.flatMap((c) => heldLeaves(c, facts, extra, resolvePath, negated));
  if ('any' in condition) return condition.any.flatMap((c) => heldLeaves(c, facts, extra, resolvePath, negated));
  if ('not' in condition) return heldLeaves(condition.not, facts, extra, resolvePath, !negated);
  const factValue = factValueOf(condition, facts, resolvePath);
  if (leafHolds(condition, factValue, extra) === negated) return [];
  // the engine's result tree holds a deep copy of the rule's value; a decision must not share the settings' objects
  const value = typeof condition.value === 'object' && condition.value !== null ? structuredClone(condition.value) : condition.value;
  const held: HeldCondition = { fact: condition.fact, operator: condition.operator, value, factValue: factValue ?? null };
  if (condition.path) held.path = condition.path;
  if (negated) held.negated = true;
  return [held];
}

/** The engine's Almanac.factValue: a path applies only to an object fact value. */
function factValueOf(condition: FactCondition, facts: Record<string, unknown>, resolvePath: PathResolver): unknown {
  const value = facts[condition.fact];
  return condition.path && value !== null && typeof value === 'object' ? resolvePath(value, condition.path) : value;
}

function leafHolds(condition: FactCondition, factValue: unknown, extra: Operators): boolean {
  const op = DEFAULT_OPERATORS[condition.operator] ?? extra[condition.operator];
  if (!op) throw new Error(`Unknown operator: ${condition.operator}`);
  return op(factValue, condition.value);
}
