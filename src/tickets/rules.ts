import { z } from 'zod';
import { merchantRegexProblem } from '../guardrails/regex.ts';

/** Facts a merchant rule may test (tickets.md, "escalation rules"). */
export const RULE_FACTS = [
  'intent', 'confidence', 'channel', 'subject', 'body', 'customer', 'order', 'action', 'actionTotal',
] as const;

/** json-rules-engine's own operators plus our `matches` (case-insensitive regular expression). */
export const RULE_OPERATORS = [
  'equal', 'notEqual', 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive',
  'in', 'notIn', 'contains', 'doesNotContain', 'matches',
] as const;

export interface FactCondition {
  fact: (typeof RULE_FACTS)[number];
  operator: (typeof RULE_OPERATORS)[number];
  value: unknown;
  path?: string;
}
export type RuleCondition = { all: RuleCondition[] } | { any: RuleCondition[] } | { not: RuleCondition } | FactCondition;

const factCondition = z
  .strictObject({
    fact: z.enum(RULE_FACTS),
    operator: z.enum(RULE_OPERATORS),
    value: z.unknown(),
    path: z.string().regex(/^\$\.[A-Za-z0-9_.[\]]+$/, 'a JSONPath such as "$.totalPrice"').optional(),
  })
  .superRefine((c, ctx) => {
    if (c.value === undefined) ctx.addIssue({ code: 'custom', path: ['value'], message: 'value is required' });
    if (c.operator !== 'matches') return;
    if (typeof c.value !== 'string') {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'the matches operator takes a regular expression string' });
      return;
    }
    const problem = merchantRegexProblem(c.value);
    if (problem) ctx.addIssue({ code: 'custom', path: ['value'], message: problem });
  });

export const ruleConditionSchema: z.ZodType<RuleCondition> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(ruleConditionSchema).min(1) }),
    z.strictObject({ any: z.array(ruleConditionSchema).min(1) }),
    z.strictObject({ not: ruleConditionSchema }),
    factCondition,
  ]),
) as z.ZodType<RuleCondition>;
