import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { detectHazards } from '../../src/calls/hazards.ts';
import { canonical } from '../../src/calls/speech.ts';

const rows = ['caller-utterances.jsonl', 'caller-holdout.jsonl'].flatMap((f) =>
  readFileSync(new URL(`../../datasets/calls/${f}`, import.meta.url), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; label: string; text: string }));

describe('hazards on the labelled caller utterances', () => {
  it('has at least 200 utterances, every hazard in many forms and look-alikes', () => {
    expect(rows.length).toBeGreaterThanOrEqual(200);
    for (const label of ['gas', 'carbon_monoxide', 'electrical', 'flooding', 'no_heat']) expect(rows.filter((r) => r.label === label).length, label).toBeGreaterThanOrEqual(20);
    expect(rows.filter((r) => r.label === 'none').length).toBeGreaterThanOrEqual(60);
  });
  it.each(rows.filter((r) => r.label !== 'none').map((r) => [r.id, r.label, r.text]))('%s hears %s: %s', (_id, label, text) => {
    expect(detectHazards(text)).toContain(label);
  });
  it.each(rows.filter((r) => r.label === 'none').map((r) => [r.id, r.text]))('%s is not fooled by: %s', (_id, text) => {
    expect(detectHazards(text)).toEqual([]);
  });
});

describe('speech-to-text canonical form', () => {
  it.each([
    ['Um, the C.O. alarm is going off!!', 'the co alarm is going off'],
    ["It's, uh, minus fifteen out", 'its -15 out'],
    ['twenty five degrees', '25 degrees'],
    ['the H V A C unit', 'the hvac unit'],
  ])('%s → %s', (input, output) => expect(canonical(input)).toBe(output));

  it('no heat needs cold or a vulnerable person, and the story may span turns', () => {
    expect(detectHazards('the furnace stopped working')).toEqual([]);
    expect(detectHazards('the furnace stopped working. oh and its about 8 degrees outside')).toEqual(['no_heat']);
    expect(detectHazards('no heat and its 60 degrees out')).toEqual([]);
    expect(detectHazards('no heat and its 50 degrees in the house')).toEqual(['no_heat']);
  });
});

describe('negation stays close to what it negates', () => {
  it.each([
    ["i don't know, i smell gas", ['gas']],
    ['not sure what it is but there are sparks coming out of the outlet', ['electrical']],
    ['no, actually i do smell gas now', ['gas']],
  ])('%s', (text, hazards) => expect(detectHazards(text)).toEqual(hazards));
  it.each(["i don't smell gas", "there's no gas smell", "i don't see any sparks", 'no sign of sparks'])('%s is negated', (text) => {
    expect(detectHazards(text)).toEqual([]);
  });
});
