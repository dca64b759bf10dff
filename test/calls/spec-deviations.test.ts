// Deviations from calls.md found in an audit: each case failed before its fix.
import { describe, expect, it } from 'vitest';
import { AFTER_HOURS, assistantLines, call, exampleConfig } from './helpers.ts';
import { sanitizeCallerText } from '../../src/calls/sensitive.ts';
import { readName, readZip } from '../../src/calls/extract.ts';
import { detectHazards, detectPushes } from '../../src/calls/hazards.ts';
import { canonical } from '../../src/calls/speech.ts';
import { matchCategory } from '../../src/calls/categories.ts';

describe('sensitive data is dropped and never repeated', () => {
  it('drops a date of birth said as "my date of birth is …"', () => {
    for (const text of ['my date of birth is 03/04/1980', 'my birthday was march 4 1980', 'date of birth is the fourth of march nineteen eighty']) {
      const { text: kept, removed } = sanitizeCallerText(text);
      expect(removed, text).toContain('date_of_birth');
      expect(kept, text).not.toMatch(/1980|eighty/);
    }
  });

  it('drops identity numbers: a driver’s license, a passport', () => {
    for (const [text, secret] of [
      ["my driver's license number is D1234567", 'D1234567'],
      ['passport number 123456789', '123456789'],
      ['my state id is X99887766', 'X99887766'],
    ]) {
      const { text: kept, removed } = sanitizeCallerText(text);
      expect(removed, text).toContain('identity');
      expect(kept, text).not.toContain(secret);
    }
  });

  it('a date of birth offered mid-call is not stored as an answer and is acknowledged as dropped', () => {
    const result = call(['the toilet keeps running', 'jane doe', 'my date of birth is 03/04/1980', '12 elm street', '62701']);
    expect(JSON.stringify(result)).not.toContain('1980');
    expect(result.intake.serviceAddress).toBe('12 elm street');
    expect(assistantLines(result)[3]).toMatch(/can't take payment, identity or password details/);
  });
});

describe('a caller question is not taken as the answer to the intake question', () => {
  it('a diagnosis push is declined, not stored as a name, and the question is asked again', () => {
    const result = call(['my furnace is banging', 'what do you think is wrong with it', 'Jane Doe', '12 elm street', '62701']);
    expect(result.intake.name).toBe('Jane Doe');
    const second = assistantLines(result)[2];
    expect(second).toMatch(/can't say what's causing it/);
    expect(second).toMatch(/Can I get your name, please\?$/);
    expect(second).not.toMatch(/didn't catch/);
  });

  it('a guaranteed-time push is not stored as the service address', () => {
    const result = call(['the sink is clogged', 'jane doe', 'can you guarantee someone will be here today by 3', '12 elm street', '62701']);
    expect(result.intake.serviceAddress).toBe('12 elm street');
    expect(assistantLines(result)[3]).toMatch(/can't promise a time/);
  });

  it('"oh wait, now I smell gas" is a hazard, not an address', () => {
    const result = call(['my water heater is making noise', 'Jane Doe', 'oh wait now i smell gas']);
    expect(result.hazards).toEqual(['gas']);
    expect(result.intake.serviceAddress).toBeNull();
  });

  it('recognises the usual ways of pushing for a diagnosis, a time, a guarantee, a price or repair coaching', () => {
    const cases: [string, string][] = [
      ['what do you think is wrong with it', 'diagnosis'],
      ['what could be causing this', 'diagnosis'],
      ['do i need a new water heater', 'diagnosis'],
      ['is it safe to stay in the house', 'diagnosis'],
      ['when will someone get here', 'time'],
      ['can you send a tech', 'time'],
      ['will you be able to fix it', 'guarantee'],
      ['can you make sure it gets fixed', 'guarantee'],
      ['what would that run me', 'price'],
      ['how do i fix it myself', 'repair'],
      ['can you tell me how to relight the pilot', 'repair'],
      ['should i turn off the breaker', 'repair'],
    ];
    for (const [text, push] of cases) expect(detectPushes(canonical(text)), text).toContain(push);
  });

  it('declines to coach a repair, without a guardrail finding', () => {
    const result = call(['the toilet is running, how do i fix it myself']);
    expect(assistantLines(result)[1]).toMatch(/can't walk you through a repair/);
    expect(result.violations).toEqual([]);
  });
});

describe('hazards', () => {
  it('no heat with a negative temperature written with a minus sign, or "5 below"', () => {
    expect(detectHazards('my heater broke and it is -5 outside')).toEqual(['no_heat']);
    expect(detectHazards('the furnace died and its 5 below out there')).toEqual(['no_heat']);
  });

  it('a gas smell is plumbing work for a plumbing business (as in the spec example)', () => {
    const result = call(['hi i smell gas in my kitchen', 'what should i do'], { now: AFTER_HOURS });
    expect(result).toMatchObject({ hazards: ['gas'], category: 'plumbing', inScope: true, disposition: 'safety_escalation' });
    expect(matchCategory('my basement is flooding', exampleConfig()).categoryId).toBe('plumbing');
  });
});

describe('intake answers', () => {
  it('reads a ZIP+4 answer as the ZIP code', () => {
    expect(readZip('62701-1234', true)).toBe('62701');
    const result = call(['the sink is clogged', 'jane doe', '12 elm street', '62701-1234']);
    expect(result).toMatchObject({ inServiceArea: true, disposition: 'message_taken' });
  });

  it('reads names with accents, and "you can call me …"', () => {
    expect(readName('José García', true)).toBe('José García');
    expect(readName('you can call me Bob', true)).toBe('Bob');
  });
});

describe('what the assistant says', () => {
  it("the business's own name is not a guardrail finding: the greeting and disclosure are still said", () => {
    const result = call(['the sink is clogged'], { patch: (c) => ((c.business.name = 'Guaranteed Plumbing'), delete c.wording) });
    expect(result.transcript[0].text).toMatch(/^Thanks for calling Guaranteed Plumbing\. I'm an automated assistant\./);
    expect(result.violations).toEqual([]);
  });

  it('a guardrail still catches a promise next to the business name', () => {
    const result = call([], { patch: (c) => (c.wording.greeting = 'Thanks for calling Acme Plumbing & Heating, we guarantee a fix today.') });
    expect(result.violations.map((v) => v.rule)).toContain('call.guarantee');
  });
});

describe('calls qa', () => {
  it('fails a greeting that claims the caller is talking to a person', async () => {
    const { runQa } = await import('../../src/calls/qa/run.ts');
    const report = runQa(exampleConfig((c) => (c.wording.greeting = "Hi, you've reached Acme, I'm a real person here to help.")), { reference: '2026-02-20' });
    expect(report.passed).toBe(false);
    expect(report.calls[0].checks.find((c) => c.check === 'greeting and automation disclosure come first')?.passed).toBe(false);
  });
});

describe('the problem keeps no values of intake fields the business does not allow', () => {
  const volunteered = 'hi this is John Smith at 12 Elm Street, call me back on 217 555 0123, my sink is leaking';
  const personal = ['John', 'Smith', 'Elm', '217', '555', '0123'];
  const problemOnly = (fields: string[]) => (c: any) => (c.intakeFields = fields);

  it('a first turn with a name, a street and a phone number: only the problem itself is stored and summarised', () => {
    const result = call([volunteered, 'its a house'], { patch: problemOnly(['problem', 'propertyType']) });
    expect(result.intake.problem).toBe('my sink is leaking');
    for (const value of personal) {
      expect(result.intake.problem, value).not.toContain(value);
      expect(result.summary.text, value).not.toContain(value);
    }
    expect(result.summary.text.replace(/\D/g, '')).not.toContain('2175550123');
    expect(result.intake).toEqual({ problem: 'my sink is leaking', propertyType: 'home' });
    // the transcript is the record of what was said (calls.md), not an intake field: it stays as said
    expect(result.transcript[1].text).toBe(volunteered);
  });

  it('spoken digits, a city and a ZIP code after the street, and a ZIP+4 are cut too', () => {
    const result = call(["hi this is Jane Doe, the toilet's overflowing at 12 Elm Street, Springfield 62701-1234, my number is two one seven five five five zero one nine nine"], {
      callerNumber: null,
      patch: problemOnly(['problem']),
    });
    expect(result.intake.problem).toBe("the toilet's overflowing");
    for (const value of ['Jane', 'Doe', 'Elm', 'Springfield', '62701', '1234', 'two one seven']) expect(result.summary.text, value).not.toContain(value);
  });

  it('only the fields not allowed are cut: an allowed name stays in the problem', () => {
    const result = call(["hi this is Jane Doe, the toilet's overflowing at 12 Elm Street, zip code 62701, call me at 217 555 0199"], {
      callerNumber: null,
      patch: problemOnly(['problem', 'name']),
    });
    expect(result.intake).toEqual({ problem: "hi this is Jane Doe, the toilet's overflowing", name: 'Jane Doe' });
  });

  it('a problem that only looks like it holds a name or a number is kept whole', () => {
    for (const problem of ['its leaking under the kitchen sink', 'the 2 upstairs toilets keep running', 'my furnace is 15 years old and wont start']) {
      expect(call([problem], { patch: problemOnly(['problem']) }).intake.problem).toBe(problem);
    }
  });
});
