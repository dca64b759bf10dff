// Bad input and wrong refunds, by property: any scenario gets a decision or an InputError naming
// the field, never another exception; and no executed (or would-execute) action ever breaks an
// invariant of money, ownership, caps or approvals.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decide, parseScenario, settingsOf } from '../../src/tickets/decide.ts';
import { InputError } from '../../src/errors.ts';
import { DELETE, brokenInvariants, mutateAt, pathsOf, scenarioInput } from './scenario-arbitraries.ts';

/** parseScenario + decide, or the InputError; anything else thrown fails the property. */
async function decideOrError(value: unknown, env = { killSwitch: false }) {
  let scenario;
  try {
    scenario = parseScenario(value);
  } catch (error) {
    if (!(error instanceof InputError)) throw new Error(`parseScenario threw ${(error as Error)?.name}: ${(error as Error)?.message}`);
    return { error };
  }
  const settings = settingsOf(scenario);
  const decision = await decide(scenario, { env }, settings);
  return { scenario, settings, decision };
}

const jsonish = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1e308, '', 'x', [], {}, '2026-03-30T12:00:00Z', 'NaN'),
  fc.jsonValue({ maxDepth: 2 }),
);

describe('scenarios (property-based)', () => {
  it('a generated valid scenario is always decided, and every executed action holds every invariant', async () => {
    let executed = 0;
    await fc.assert(
      fc.asyncProperty(scenarioInput, fc.boolean(), async (input, envKill) => {
        const result = await decideOrError(input, { killSwitch: envKill && Math.abs(JSON.stringify(input).length % 7) === 0 });
        expect(result.error, String(result.error?.message)).toBeUndefined();
        const broken = brokenInvariants(result.scenario!, result.settings!, result.decision!);
        expect(broken).toEqual([]);
        if (result.decision!.actions.some((a) => a.status === 'executed' || a.status === 'would_execute')) executed += 1;
      }),
      { numRuns: 400 },
    );
    // the generator must reach execution often enough for the invariants to mean something
    expect(executed).toBeGreaterThan(10);
  });

  it('arbitrary JSON is a decision or an InputError with its fields named, never another exception', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), async (value) => {
        const result = await decideOrError(value);
        if (result.error) for (const issue of result.error.issues) expect(typeof issue.field).toBe('string');
      }),
      { numRuns: 300 },
    );
  });

  it('a valid scenario with one field mutated, added or deleted: decision (invariants hold) or an error naming a field', async () => {
    const mutated = scenarioInput.chain((input) => {
      const paths = pathsOf(input).filter((p) => p.length > 0);
      return fc.tuple(fc.constant(input), fc.constantFrom(...paths), fc.oneof(jsonish, fc.constant(DELETE)));
    });
    await fc.assert(
      fc.asyncProperty(mutated, async ([input, path, replacement]) => {
        const value = mutateAt(input, path, replacement);
        const result = await decideOrError(value);
        if (result.error) {
          expect(result.error.issues.length).toBeGreaterThan(0);
          // the mutation is below the root, so each complaint names a field, not "(root)"
          for (const issue of result.error.issues) expect(issue.field, result.error.message).not.toBe('');
          return;
        }
        expect(brokenInvariants(result.scenario!, result.settings!, result.decision!)).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it('the kill switch, from the environment or the settings, means nothing executes', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioInput, fc.boolean(), async (input, fromEnv) => {
        const value = fromEnv ? input : mutateAt(input, ['settings', 'killSwitch'], true);
        const result = await decideOrError(value, { killSwitch: fromEnv });
        expect(result.decision!.outcome).toBe('halted');
        expect(result.decision!.actions.every((a) => a.status === 'not_run')).toBe(true);
        expect(result.decision!.reply.status).toBe('none');
      }),
      { numRuns: 100 },
    );
  });
});
