import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decide, decideNow, parseScenario } from '../../src/tickets/decide.ts';
import { InputError } from '../../src/errors.ts';
import type { ModelAdapter } from '../../src/adapters/model/types.ts';
import { scenarioInput } from '../proof/scenario-arbitraries.ts';

/** A live model that answers what the scenario recorded, under the same source name: only the path differs. */
const replaying = (answer: unknown): ModelAdapter => ({ name: 'recorded', propose: async () => answer });

describe('decideNow', () => {
  it('decides a recorded-model scenario synchronously, exactly as the asynchronous path (live model, awaited gates) does', async () => {
    let synchronous = 0;
    await fc.assert(
      fc.asyncProperty(scenarioInput, fc.boolean(), async (input, killSwitch) => {
        let scenario;
        try {
          scenario = parseScenario(input);
        } catch (error) {
          if (error instanceof InputError) return;
          throw error;
        }
        if (!scenario.model) return;
        const now = decideNow(scenario, { env: { killSwitch } });
        if (!(now instanceof Promise)) synchronous += 1;
        const viaModel = await decide({ ...scenario, model: undefined }, { env: { killSwitch }, model: replaying(scenario.model) });
        expect(await now).toEqual(viaModel);
      }),
      { numRuns: 300 },
    );
    expect(synchronous).toBeGreaterThan(0);
  });
});
