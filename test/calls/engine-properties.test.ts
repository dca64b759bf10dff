import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { resolveCall, simulateCall } from '../../src/calls/simulate.ts';
import { INTAKE_FIELDS } from '../../src/calls/config.ts';
import { exampleConfigJson } from './helpers.ts';

/** A Luhn-valid Visa number from 15 random digits. */
function visa(digits: number[]): string {
  const body = [4, ...digits.slice(0, 14)];
  let sum = 0;
  for (let i = 0; i < body.length; i += 1) {
    let d = body[body.length - 1 - i];
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return [...body, (10 - (sum % 10)) % 10].join('');
}

const phrases = ['i smell gas', 'the sink is clogged', 'my name is jane doe', '12 elm street', '62701', '90210', 'how much does it cost', 'can you mow my lawn', 'its urgent', 'mornings', '', 'uh', 'no heat and its 10 degrees'];
const turn = fc.oneof(fc.string({ maxLength: 80 }), fc.constantFrom(...phrases), fc.array(fc.constantFrom(...phrases), { maxLength: 3 }).map((p) => p.join(' ')));
const fields = fc.shuffledSubarray([...INTAKE_FIELDS].filter((f) => f !== 'problem'), { minLength: 0 }).map((rest) => ['problem', ...rest]);
const instant = fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2028-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());

describe('the engine on arbitrary callers', () => {
  it('never throws, asks only allowed fields, keeps no card number, and never says a flagged line', () => {
    fc.assert(
      fc.property(fc.array(turn, { maxLength: 8 }), fields, instant, fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 15, maxLength: 15 }), fc.nat(8), (turns, intakeFields, now, digits, at) => {
        const config = exampleConfigJson();
        config.intakeFields = intakeFields;
        const card = visa(digits);
        const withCard = [...turns];
        withCard.splice(Math.min(at, withCard.length), 0, `put it on my card ${card.replace(/(\d{4})/g, '$1 ').trim()}`);
        const result = simulateCall(resolveCall({ id: 'p', now, callerNumber: '+12175550123', config, turns: withCard }));
        expect(Object.keys(result.intake)).toEqual(intakeFields);
        expect(JSON.stringify(result).replace(/\s+/g, '')).not.toContain(card.slice(0, 12));
        expect(result.violations).toEqual([]);
        expect(result.transcript[0].role).toBe('assistant');
        if (result.hazards.length) expect(result.disposition).toBe('safety_escalation');
        expect(result.summary.recipients.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});
