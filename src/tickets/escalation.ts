import { Engine, type RuleResult } from 'json-rules-engine';
import { merchantRegex } from '../guardrails/regex.ts';
import type { EscalationRule, Settings } from './settings.ts';
import { RULE_FACTS, type FactCondition, type RuleCondition } from './rules.ts';
import { canPrefilter, conditionHolds, heldLeaves, type HeldCondition } from './rule-prefilter.ts';
import type { GateContext, PricedAction } from './gates/types.ts';
import { DAY_MS } from './gates/types.ts';
import { instantMs } from './instant.ts';

/** A rule that held, with the leaf conditions that made it hold (what a merchant reads in the trace). */
export interface RuleHit {
  rule: EscalationRule;
  held: HeldCondition[];
  action: PricedAction | null;
}
export type { HeldCondition };

interface CompiledRules {
  engine: Engine;
  /** the facts the rules test: only these are computed and handed to the engine on each run */
  facts: Set<string>;
  /** whether the synchronous twin (rule-prefilter.ts) can evaluate every rule in place of the engine */
  prefilter: boolean;
  /** settings order, highest priority first (stable: equal priorities keep their listed order) */
  ordered: CompiledRule[];
}

/** A merchant's rule and the condition that is evaluated for it (tag values lower-cased, see foldTagValues). */
interface CompiledRule {
  rule: EscalationRule;
  when: RuleCondition;
  /** what the merchant wrote for each lower-cased tag value, so the trace shows their own words */
  tagValues: Map<string, unknown>;
}

// One engine per distinct settings object: resolveSettings returns the same object for the same
// settings, so a replay file builds its engine once.
const engines = new WeakMap<Settings, CompiledRules>();

function compile(settings: Settings): CompiledRules {
  let compiled = engines.get(settings);
  if (compiled) return compiled;
  const engine = new Engine([], { allowUndefinedFacts: true, pathResolver: resolvePath });
  engine.addOperator('matches', matches);
  const rules: CompiledRule[] = settings.escalationRules.map((rule) => {
    const tagValues = new Map<string, unknown>();
    return { rule, when: foldTagValues(rule.when, tagValues), tagValues };
  });
  rules.forEach(({ rule, when }, i) => {
    // json-rules-engine wants all/any/not at the root; a single condition is the same as all of one
    const root = 'fact' in when ? { all: [when] } : when;
    engine.addRule({ name: String(i), conditions: root as never, event: { type: rule.then } });
  });
  const ordered = rules
    .map((compiledRule, i) => ({ compiledRule, i }))
    .sort((a, b) => b.compiledRule.rule.priority - a.compiledRule.rule.priority || a.i - b.i)
    .map((x) => x.compiledRule);
  const facts = new Set<string>();
  for (const rule of settings.escalationRules) collectFacts(rule.when, facts);
  compiled = { engine, ordered, facts, prefilter: settings.escalationRules.every((r) => canPrefilter(r.when)) };
  engines.set(settings, compiled);
  return compiled;
}

function collectFacts(condition: RuleCondition, into: Set<string>): void {
  if ('all' in condition) condition.all.forEach((c) => collectFacts(c, into));
  else if ('any' in condition) condition.any.forEach((c) => collectFacts(c, into));
  else if ('not' in condition) collectFacts(condition.not, into);
  else {
    into.add(condition.fact);
    // json-rules-engine also reads a fact named as the value ({ "fact": "confidence" }): it must be computed too
    const v = condition.value as { fact?: unknown } | null;
    if (v !== null && typeof v === 'object' && typeof v.fact === 'string') into.add(v.fact);
  }
}

/** A condition on the customer's tags (`$.tags`, `$.tags[0]`): tags compare case-insensitively (tickets.md). */
function isTagCondition(c: { fact: string; path?: string }): boolean {
  return c.fact === 'customer' && c.path !== undefined && /^\$\.tags(?:\[\d+\])?$/.test(c.path);
}

const tagKey = (c: { path?: string; operator: string; value: unknown }) => JSON.stringify([c.path, c.operator, c.value]);

/**
 * The fact holds the customer's tags lower-cased, so the tag values a rule compares them with are
 * lower-cased too ("VIP" matches a customer tagged "vip"). `matches` is case-insensitive already and
 * a regex must not be folded. `tagValues` records the merchant's own values for the trace.
 */
function foldTagValues(condition: RuleCondition, tagValues: Map<string, unknown>): RuleCondition {
  if ('all' in condition) return { all: condition.all.map((c) => foldTagValues(c, tagValues)) };
  if ('any' in condition) return { any: condition.any.map((c) => foldTagValues(c, tagValues)) };
  if ('not' in condition) return { not: foldTagValues(condition.not, tagValues) };
  if (!isTagCondition(condition) || condition.operator === 'matches') return condition;
  const lower = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : v);
  const value = Array.isArray(condition.value) ? condition.value.map(lower) : lower(condition.value);
  const folded: FactCondition = { ...condition, value };
  if (!tagValues.has(tagKey(folded))) tagValues.set(tagKey(folded), condition.value);
  return folded;
}

/** The held conditions with the merchant's own tag values in place of the lower-cased ones. */
function asWritten(held: HeldCondition[], compiled: CompiledRule): HeldCondition[] {
  if (compiled.tagValues.size === 0) return held;
  return held.map((h) => {
    if (!isTagCondition(h) || !compiled.tagValues.has(tagKey(h))) return h;
    const value = compiled.tagValues.get(tagKey(h));
    return { ...h, value: typeof value === 'object' && value !== null ? structuredClone(value) : value };
  });
}

const OPERATORS = { matches };

/** The extra operator: a case-insensitive regular expression (RE2, linear time). On a list, any element. */
function matches(factValue: unknown, pattern: unknown): boolean {
  if (typeof pattern !== 'string') return false;
  if (Array.isArray(factValue)) return factValue.some((v) => typeof v === 'string' && testOnce(pattern, v));
  return typeof factValue === 'string' && testOnce(pattern, factValue);
}

// RE2 runs in WebAssembly and costs far more per call than a JS regex; the twin and the engine,
// and each action of one ticket, test the same text against the same pattern: remember the last.
const lastTest = new Map<string, { text: string; result: boolean }>();
function testOnce(pattern: string, text: string): boolean {
  const last = lastTest.get(pattern);
  if (last && last.text === text) return last.result;
  const result = merchantMatcher(pattern).test(text);
  if (lastTest.size > 1000) lastTest.clear();
  lastTest.set(pattern, { text, result });
  return result;
}

/**
 * Plain words between bars ("lawyer|attorney", the usual merchant rule): no construct where RE2
 * and a JS regex could differ, and nothing that can backtrack. Case-insensitive Unicode matching
 * folds ASCII letters and digits the same way in both (k also matches the Kelvin sign, s the long
 * s): checked over every code point, and pinned by a property test.
 */
const LITERAL_ALTERNATION = /^[A-Za-z0-9 ]+(?:\|[A-Za-z0-9 ]+)*$/;
const literalMatchers = new Map<string, RegExp>();

/** The matcher for an accepted merchant pattern: a JS regex for plain word alternations, RE2 otherwise. */
export function merchantMatcher(pattern: string): { test(text: string): boolean } {
  if (!LITERAL_ALTERNATION.test(pattern)) return merchantRegex(pattern, 'iu');
  let re = literalMatchers.get(pattern);
  if (!re) {
    re = new RegExp(pattern, 'iu');
    if (literalMatchers.size > 1000) literalMatchers.clear();
    literalMatchers.set(pattern, re);
  }
  return re;
}

/** "$.a.b[0]" over plain data; the settings schema only admits such simple paths. */
export function resolvePath(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const key of path.replace(/^\$\.?/, '').split(/\.|\[(\d+)\]/).filter((k) => k !== undefined && k !== '')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** The facts a rule may test (tickets.md), for one action or for the ticket as a whole. */
export function ruleFacts(ctx: GateContext, action: PricedAction | null, only: Iterable<string> = RULE_FACTS): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of only) out[name] = ruleFact(name, ctx, action);
  return out;
}

function ruleFact(name: string, ctx: GateContext, action: PricedAction | null): unknown {
  const answer = ctx.model.ok ? ctx.model.answer : null;
  const { ticket } = ctx.scenario;
  switch (name) {
    case 'intent':
      return answer?.intent;
    case 'confidence':
      return answer?.confidence;
    case 'channel':
      return ticket.channel;
    case 'subject':
      return ticket.subject;
    case 'body':
      return ticket.body;
    case 'customer':
      return { tags: ctx.facts.customerTags, email: ctx.facts.customer?.email ?? ticket.from, ordersCount: ctx.facts.customerOrders.length };
    case 'order': {
      const order = action ? action.order : singleTicketOrder(ctx);
      if (!order) return undefined;
      return {
        totalPrice: order.totalPrice,
        ageDays: Math.floor((ctx.facts.nowMs - instantMs(order.createdAt)) / DAY_MS),
        fulfillmentStatus: order.fulfillmentStatus,
        financialStatus: order.financialStatus,
      };
    }
    case 'action':
      return action ? { type: action.type, amount: action.cents / 100 } : undefined;
    case 'actionTotal':
      return ctx.actions.reduce((sum, a) => sum + a.cents, 0) / 100;
    default:
      return undefined;
  }
}

/** Without actions, `order` is the one order the ticket names, when it names exactly one the store has. */
function singleTicketOrder(ctx: GateContext) {
  if (ctx.facts.orderIds.length !== 1) return null;
  return ctx.facts.ordersById.get(ctx.facts.orderIds[0]) ?? null;
}

/**
 * The first rule, highest priority first, that holds (for any of the actions when the rules test
 * an action or its order, for the ticket otherwise), or null when none does. `action` is the
 * action it held for, or null when it held for the ticket as a whole.
 */
export function firstRuleThatHolds(ctx: GateContext): RuleHit | null | Promise<RuleHit | null> {
  if (ctx.settings.escalationRules.length === 0) return null;
  const { engine, ordered, facts: only, prefilter } = compile(ctx.settings);
  // Rules that test neither `action` nor `order` give the same answer for every action: run them once.
  const perAction = ctx.actions.length > 0 && (only.has('action') || only.has('order'));
  const subjects: (PricedAction | null)[] = perAction ? [...ctx.actions] : [null];
  const factSets = subjects.map((action) => ({ action, facts: ruleFacts(ctx, action, only) }));
  // The engine is async and slow; its synchronous twin gives the same answer where it can tell.
  if (prefilter) {
    const hit = twinHit(ordered, factSets);
    if (hit !== undefined) return hit;
  }
  return runEngine(ctx, engine, ordered, factSets);
}

/**
 * runEngine's answer from the twin: the highest-priority rule that holds, for the first action it
 * holds for. Undefined when the twin cannot tell: a condition threw, which rejects the engine's run
 * too (the engine evaluates every rule for every action), so the engine meets it and reports it.
 */
function twinHit(ordered: CompiledRule[], factSets: { action: PricedAction | null; facts: Record<string, unknown> }[]): RuleHit | null | undefined {
  try {
    const holds = factSets.map(({ facts }) => ordered.map((compiled) => conditionHolds(compiled.when, facts, OPERATORS, resolvePath)));
    for (let r = 0; r < ordered.length; r++) {
      for (let f = 0; f < factSets.length; f++) {
        if (holds[f][r]) {
          const held = heldLeaves(ordered[r].when, factSets[f].facts, OPERATORS, resolvePath);
          return { rule: ordered[r].rule, held: asWritten(held, ordered[r]), action: factSets[f].action };
        }
      }
    }
    return null;
  } catch {
    return undefined;
  }
}

async function runEngine(ctx: GateContext, engine: Engine, ordered: CompiledRule[], factSets: { action: PricedAction | null; facts: Record<string, unknown> }[]): Promise<RuleHit | null> {
  const successes = new Map<EscalationRule, { result: RuleResult; action: PricedAction | null }>();
  for (const { action, facts } of factSets) {
    const { results } = await engine.run(facts);
    for (const result of results) {
      const rule = ctx.settings.escalationRules[Number(result.name)];
      if (rule && !successes.has(rule)) successes.set(rule, { result, action });
    }
  }
  for (const compiled of ordered) {
    const hit = successes.get(compiled.rule);
    if (hit) return { rule: compiled.rule, held: asWritten(heldConditions(hit.result.conditions as unknown as ConditionNode), compiled), action: hit.action };
  }
  return null;
}

export interface ConditionNode {
  all?: ConditionNode[];
  any?: ConditionNode[];
  not?: ConditionNode;
  fact?: string;
  path?: string;
  operator?: string;
  value?: unknown;
  factResult?: unknown;
  result?: boolean;
}

/** The leaf conditions whose truth made the rule hold (a `not` holds when its condition did not). */
export function heldConditions(node: ConditionNode, negated = false): HeldCondition[] {
  if (node.all) return node.all.flatMap((c) => heldConditions(c, negated));
  if (node.any) return node.any.flatMap((c) => heldConditions(c, negated));
  if (node.not) return heldConditions(node.not, !negated);
  if (node.fact === undefined || node.result === undefined || node.result === negated) return [];
  const held: HeldCondition = { fact: node.fact, operator: node.operator ?? '', value: node.value, factValue: node.factResult ?? null };
  if (node.path) held.path = node.path;
  if (negated) held.negated = true;
  return [held];
}
