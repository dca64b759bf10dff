import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fastParseScenario } from '../../src/tickets/fast-parse.ts';
import { scenarioSchema } from '../../src/tickets/scenario.ts';
import { baseScenario } from './fixtures.ts';

/** The fast path may decline (undefined), but what it accepts zod accepts, with the identical output. */
function agrees(value: unknown): void {
  const fast = fastParseScenario(value);
  const slow = scenarioSchema.safeParse(value);
  if (fast === undefined) return;
  expect(slow.success).toBe(true);
  expect(fast).toStrictEqual(slow.data);
}

const ANY_LEAF = fc.oneof(
  fc.constant(undefined), fc.constant(null), fc.boolean(), fc.string({ maxLength: 4 }), fc.constantFrom('', 'USD', 'usd', 'paid', 'pending', 'refund', 'cancel', 'exchange', 'spam', 'high', 'action', 'ticket', '2026-03-30T12:00:00Z', '2026-02-30T12:00:00Z', '2026-03-30T12:00:00+01:00', '2026-03-30T12:00Z', '2026-03-30'),
  fc.integer({ min: -5, max: 5 }), fc.double(), fc.constantFrom(Number.MAX_SAFE_INTEGER + 2, -0, 0.5, 1, 1.0000001, 20_001),
  fc.constant([]), fc.constant({}), fc.constant('x'.repeat(20_001)),
);

/** Every path to a leaf or container of a JSON value. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}

function setAt(root: any, path: (string | number)[], leaf: unknown): any {
  if (path.length === 0) return leaf;
  const copy = structuredClone(root);
  let cur = copy;
  for (const key of path.slice(0, -1)) cur = cur[key];
  const last = path[path.length - 1];
  if (leaf === undefined && !Array.isArray(cur)) delete cur[last];
  else cur[last] = leaf;
  return copy;
}

describe('fastParseScenario', () => {
  const examples = readFileSync(join(import.meta.dirname, '..', '..', 'examples', 'scenarios.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const seeds = [baseScenario(), ...examples];

  it('accepts every bundled example and the test base, with zod output', () => {
    for (const s of seeds) {
      expect(fastParseScenario(s)).toBeDefined();
      agrees(s);
    }
  });

  it('agrees with zod after any single change to any field (property)', () => {
    const targets = seeds.slice(0, 6).map((s) => ({ s, p: paths(s) }));
    fc.assert(
      fc.property(fc.nat(), fc.nat(), ANY_LEAF, (which, where, leaf) => {
        const { s, p } = targets[which % targets.length];
        agrees(setAt(s, p[where % p.length], leaf));
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees with zod after two changes (property)', () => {
    const s = baseScenario();
    const p = paths(s);
    fc.assert(
      fc.property(fc.nat(), ANY_LEAF, fc.nat(), ANY_LEAF, (a, x, b, y) => {
        agrees(setAt(setAt(s, p[a % p.length], x), paths(setAt(s, p[a % p.length], x))[b % p.length] ?? [], y));
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves odd input to zod', () => {
    expect(fastParseScenario(JSON.parse('{"ticket":{"id":"t","body":"x"},"settings":{"__proto__":{"mode":"live"}}}'))).toBeUndefined();
    expect(fastParseScenario({ ticket: { id: '', body: 'x' } })).toBeUndefined();
    expect(fastParseScenario(null)).toBeUndefined();
  });
});
