import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Engine } from 'json-rules-engine';
import { conditionHolds, canPrefilter, heldLeaves } from '../../src/tickets/rule-prefilter.ts';
import { RULE_FACTS, RULE_OPERATORS, type RuleCondition } from '../../src/tickets/rules.ts';
import { heldConditions, resolvePath, type ConditionNode } from '../../src/tickets/escalation.ts';

// The engine gets escalation.ts's own path resolver, and a `matches` with the same meaning.
const matches = (fact: unknown, pattern: unknown) => typeof pattern === 'string' && typeof fact === 'string' && new RegExp(pattern, 'i').test(fact);

async function engineSays(when: RuleCondition, facts: Record<string, unknown>): Promise<boolean | 'throws'> {
  const engine = new Engine([], { allowUndefinedFacts: true, pathResolver: resolvePath });
  engine.addOperator('matches', matches);
  engine.addRule({ name: 'r', conditions: ('fact' in when ? { all: [when] } : when) as never, event: { type: 'x' } });
  try {
    const { results } = await engine.run(facts);
    return results.length === 1;
  } catch {
    return 'throws';
  }
}

/** The conditions escalation.ts reports from the engine's result tree, as JSON (key order counts), or 'no' / 'throws'. */
async function engineHeld(when: RuleCondition, facts: Record<string, unknown>): Promise<string> {
  const engine = new Engine([], { allowUndefinedFacts: true, pathResolver: resolvePath });
  engine.addOperator('matches', matches);
  engine.addRule({ name: 'r', conditions: ('fact' in when ? { all: [when] } : when) as never, event: { type: 'x' } });
  try {
    const { results } = await engine.run(facts);
    return results.length === 1 ? JSON.stringify(heldConditions(results[0].conditions as unknown as ConditionNode)) : 'no';
  } catch {
    return 'throws';
  }
}

function twinHeld(when: RuleCondition, facts: Record<string, unknown>): string {
  try {
    return conditionHolds(when, facts, { matches }, resolvePath) ? JSON.stringify(heldLeaves(when, facts, { matches }, resolvePath)) : 'no';
  } catch {
    return 'throws';
  }
}

function twinSays(when: RuleCondition, facts: Record<string, unknown>): boolean | 'throws' {
  try {
    return conditionHolds('fact' in when ? { all: [when] } : when, facts, { matches }, resolvePath);
  } catch {
    return 'throws';
  }
}

const scalar = fc.oneof(fc.constantFrom('refund_request', 'email', 'vip', 'paid', 'fulfilled', 'refund', '', 'x', 'REFUND', '10', 'abc'), fc.integer({ min: -5, max: 600 }), fc.double({ noNaN: false }), fc.boolean(), fc.constant(null));
const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), fc.constantFrom('ref|vip', '^x', 'paid$'));
const leaf = fc.record(
  { fact: fc.constantFrom(...RULE_FACTS), operator: fc.constantFrom(...RULE_OPERATORS), value, path: fc.constantFrom(undefined, '$.tags', '$.totalPrice', '$.amount', '$.type', '$.fulfillmentStatus', '$.nope') },
  { requiredKeys: ['fact', 'operator', 'value'] },
).map((c) => {
  if (c.path === undefined) delete (c as { path?: string }).path;
  return c as RuleCondition;
});
const condition: fc.Arbitrary<RuleCondition> = fc.letrec<{ c: RuleCondition }>((tie) => ({
  c: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('c'), { minLength: 1, maxLength: 3 }).map((all) => ({ all })),
    fc.array(tie('c'), { minLength: 1, maxLength: 3 }).map((any) => ({ any })),
    tie('c').map((not) => ({ not })),
  ),
})).c;
const facts = fc.record({
  intent: fc.constantFrom('refund_request', 'order_status', undefined),
  confidence: fc.oneof(fc.double({ min: 0, max: 1 }), fc.constant(undefined)),
  channel: fc.constantFrom('email', 'chat'),
  subject: fc.string({ maxLength: 6 }),
  body: fc.constantFrom('I will call my lawyer', 'refund please', ''),
  customer: fc.record({ tags: fc.array(fc.constantFrom('vip', 'wholesale', 'x'), { maxLength: 2 }), email: fc.constant('a@b.c'), ordersCount: fc.nat(5) }),
  order: fc.oneof(fc.constant(undefined), fc.record({ totalPrice: fc.integer({ min: 0, max: 900 }), ageDays: fc.nat(100), fulfillmentStatus: fc.constantFrom('fulfilled', 'unfulfilled'), financialStatus: fc.constantFrom('paid', 'refunded') })),
  action: fc.oneof(fc.constant(undefined), fc.record({ type: fc.constantFrom('refund', 'cancel'), amount: fc.integer({ min: 0, max: 300 }) })),
  actionTotal: fc.integer({ min: 0, max: 500 }),
});

describe('the escalation-rule twin', () => {
  it('agrees with json-rules-engine on random conditions and facts, throws included (property)', async () => {
    await fc.assert(
      fc.asyncProperty(condition, facts, async (when, f) => {
        expect(twinSays(when, f)).toBe(await engineSays(when, f));
      }),
      { numRuns: 1500 },
    );
  });

  it('names the same held conditions as the engine result, in the same JSON (property)', async () => {
    await fc.assert(
      fc.asyncProperty(condition, facts, async (when, f) => {
        expect(twinHeld(when, f)).toBe(await engineHeld(when, f));
      }),
      { numRuns: 1500 },
    );
  });

  it('leaves conditions that compare with another fact to the engine', () => {
    expect(canPrefilter({ fact: 'actionTotal', operator: 'greaterThan', value: { fact: 'confidence' } })).toBe(false);
    expect(canPrefilter({ all: [{ fact: 'intent', operator: 'equal', value: 'spam' }] })).toBe(true);
  });
});
