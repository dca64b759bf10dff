import { describe, expect, it } from 'vitest';
import { AFTER_HOURS, IN_HOURS, assistantLines, call } from './helpers.ts';
import { DEFAULT_SAFETY_SCRIPTS } from '../../src/calls/wording.ts';

describe('a scripted call', () => {
  it('has the spec result shape, and the assistant speaks first: greeting, disclosure, the problem', () => {
    const result = call([]);
    expect(Object.keys(result)).toEqual(['callId', 'transcript', 'hazards', 'category', 'inScope', 'inServiceArea', 'afterHours', 'disposition', 'intake', 'summary', 'violations']);
    expect(result.transcript).toHaveLength(1);
    expect(result.transcript[0].text).toMatch(/^Thanks for calling Acme Plumbing & Heating\. I'm an automated assistant\..*What can we help you with today\?$/);
  });

  it('gas: reads the script, hands off to emergency recipients, ends the call at once, any hour', () => {
    for (const now of [IN_HOURS, AFTER_HOURS]) {
      const result = call(['hi i smell gas in my kitchen', 'my name is jane doe', '12 elm street'], { now });
      expect(result.hazards).toEqual(['gas']);
      expect(result.disposition).toBe('safety_escalation');
      expect(result.transcript).toHaveLength(3); // no further questions once told to leave
      expect(result.transcript[2].text).toContain(DEFAULT_SAFETY_SCRIPTS.gas.text);
      expect(result.transcript[2].text).toMatch(/end this call/);
      expect(result.summary.recipients).toEqual(['office', 'oncall']);
      expect(result.summary.safetyScripts).toEqual([{ hazard: 'gas', id: 'default-gas', version: '1' }]);
      expect(result.summary.text).toContain('Safety script read: default-gas v1');
      expect(result.violations).toEqual([]);
    }
  });

  it('a business-specific script and version are read and recorded', () => {
    const result = call(['the carbon monoxide detector is beeping'], {
      patch: (c) => (c.safetyScripts = { carbon_monoxide: { id: 'acme-co', version: '2026-01', text: 'Please leave now and call 911 from outside.' } }),
    });
    expect(result.transcript[2].text).toContain('Please leave now and call 911 from outside.');
    expect(result.summary.safetyScripts).toEqual([{ hazard: 'carbon_monoxide', id: 'acme-co', version: '2026-01' }]);
  });

  it('flooding: script, then the details staff need, then the hand-off', () => {
    const result = call(['water is pouring through the ceiling', 'jane doe', '12 elm street', '62701']);
    expect(result.hazards).toEqual(['flooding']);
    expect(result.transcript[2].text).toContain(DEFAULT_SAFETY_SCRIPTS.flooding.text);
    expect(result.intake).toMatchObject({ name: 'Jane Doe', serviceAddress: '12 elm street', zipCode: '62701' });
    expect(assistantLines(result).at(-1)).toMatch(/on-call team has your details as urgent/);
    expect(result.disposition).toBe('safety_escalation');
  });

  it('no heat across turns: the cold comes up after the furnace', () => {
    const result = call(['the furnace stopped working', 'jane doe, and its about 5 degrees outside']);
    expect(result.hazards).toEqual(['no_heat']);
    expect(result.intake.name).toBe('Jane Doe');
  });

  it('reads several volunteered fields from one answer and asks only for what is missing', () => {
    const result = call(["hi this is Jane Doe, the toilet's overflowing at 12 Elm Street, Springfield 62701, call me at 217 555 0199"], { callerNumber: null });
    expect(result.intake).toEqual({
      problem: "hi this is Jane Doe, the toilet's overflowing at 12 Elm Street, Springfield 62701, call me at 217 555 0199",
      name: 'Jane Doe',
      callbackNumber: '+12175550199',
      serviceAddress: '12 Elm Street',
      zipCode: '62701',
    });
    expect(result.transcript).toHaveLength(3);
    expect(result.disposition).toBe('message_taken');
  });

  it('spoken digits become a callback number in the business region', () => {
    const result = call(['the sink is clogged', 'jane', 'two one seven five five five zero one nine nine'], { callerNumber: null });
    expect(result.intake.callbackNumber).toBe('+12175550199');
  });

  it('asks only allowed fields, in the configured order, and the summary holds only those', () => {
    const result = call(['my drain is clogged, i prefer mornings, its a house', '62701', 'Jane'], {
      patch: (c) => (c.intakeFields = ['problem', 'zipCode', 'name']),
    });
    expect(assistantLines(result).slice(1, 3)).toEqual(["And what's the ZIP code there?", 'Can I get your name, please?']);
    expect(Object.keys(result.intake)).toEqual(['problem', 'zipCode', 'name']);
    expect(result.summary.text).not.toMatch(/Preferred|Property|Callback|Service address/);
  });

  it('drops a card number, an SSN, a date of birth and a password everywhere and says so', () => {
    const result = call([
      'the toilet keeps running, put it on my card 4111 1111 1111 1111',
      'jane, my social is 123-45-6789 and i was born on March 3, 1970',
      'the alarm password is hunter2, its 12 elm street',
    ]);
    const everything = JSON.stringify(result);
    for (const secret of ['4111', '123-45-6789', '1970', 'hunter2']) expect(everything).not.toContain(secret);
    expect(assistantLines(result)[1]).toMatch(/can't take payment, identity or password details/);
    expect(result.intake.serviceAddress).toBe('12 elm street');
  });

  it('out of area: honest wording, ends once noted', () => {
    const result = call(['the sink is clogged', 'jane doe', '12 elm street', '90210', 'hello?']);
    expect(result.disposition).toBe('out_of_area');
    expect(result.inServiceArea).toBe(false);
    expect(assistantLines(result).at(-1)).toMatch(/outside the area .* serves/);
    expect(result.transcript.filter((t) => t.role === 'caller')).toHaveLength(4);
  });

  it('out of scope: a trade the business does not do', () => {
    const result = call(['can you come mow my lawn']);
    expect(result).toMatchObject({ disposition: 'out_of_scope', inScope: false, category: null });
    expect(assistantLines(result).at(-1)).toMatch(/doesn't handle landscaping work/);
  });

  it('after hours: take_message vs emergencies_to_on_call for an urgent, non-hazard call', () => {
    const turns = ['the sewer is backing up into the tub its urgent', 'jane doe', '12 elm street', '62701'];
    const message = call(turns, { now: AFTER_HOURS });
    expect(message).toMatchObject({ afterHours: true, disposition: 'message_taken' });
    expect(message.summary.recipients).toEqual(['office']);
    const onCall = call(turns, { now: AFTER_HOURS, patch: (c) => (c.afterHours = 'emergencies_to_on_call') });
    expect(onCall.disposition).toBe('transfer_on_call');
    expect(onCall.summary.recipients).toEqual(['office', 'oncall']);
    expect(assistantLines(onCall).at(-1)).toMatch(/urgent.*can't say exactly when/);
    expect(call(turns, { now: IN_HOURS, patch: (c) => (c.afterHours = 'emergencies_to_on_call') }).disposition).toBe('message_taken');
  });

  it('hours in the business timezone, across DST and on holidays', () => {
    // 2026-03-08 is the US spring-forward day; Monday 03-09 08:00 CDT is 13:00Z (it was 14:00Z in winter)
    expect(call([], { now: '2026-03-09T12:59:00Z' }).afterHours).toBe(true);
    expect(call([], { now: '2026-03-09T13:00:00Z' }).afterHours).toBe(false);
    expect(call([], { now: '2026-03-02T13:30:00Z' }).afterHours).toBe(true); // 07:30 CST the week before
    expect(call([], { now: '2026-12-25T12:00:00-06:00' }).afterHours).toBe(true); // a Friday, but a holiday
    expect(call([], { now: '2026-12-24T16:59:00-06:00' }).afterHours).toBe(false);
    expect(call([], { now: '2026-12-24T17:00:00-06:00' }).afterHours).toBe(true);
  });

  it('declines honestly when pushed for a price, a diagnosis or a time; nothing said is a violation', () => {
    const result = call(['how much will it cost to fix my water heater', 'is it the thermocouple? what do you think is wrong', 'can someone be here by 3 today, guaranteed?']);
    const lines = assistantLines(result).join(' ');
    expect(lines).toMatch(/can't give prices/);
    expect(lines).toMatch(/can't say what's causing it/);
    expect(lines).toMatch(/can't promise a time/);
    expect(lines).toMatch(/can't guarantee/);
    expect(result.violations).toEqual([]);
  });

  it('lists a violation and does not say a line the guardrails block (a business greeting quoting a price)', () => {
    const result = call([], { patch: (c) => (c.wording.greeting = 'Thanks for calling Acme, service calls are just $49!') });
    expect(result.violations.map((v) => v.rule)).toContain('call.pricing');
    expect(result.transcript[0].text).not.toContain('$49');
  });

  it('a preferred window is passed on as a preference, never a booking', () => {
    const result = call(['the sink drips', 'jane', '12 elm street', '62701', 'mornings work best'], {
      patch: (c) => c.intakeFields.push('preferredWindow'),
    });
    expect(result.intake.preferredWindow).toBe('mornings');
    expect(result.summary.text).toContain('Preferred window (a preference only, nothing is booked): mornings');
    expect(assistantLines(result).join(' ')).toMatch(/pass that on as your preference/);
  });

  it('recipients by category and after_hours', () => {
    const patch = (c: any) => c.recipients.push({ id: 'hvac-lead', email: 'hvac@acme.example', gets: ['hvac'] }, { id: 'night', email: 'night@acme.example', gets: ['after_hours'] });
    expect(call(['the thermostat is broken'], { patch }).summary.recipients).toEqual(['office', 'hvac-lead']);
    expect(call(['the sink is clogged'], { patch, now: AFTER_HOURS }).summary.recipients).toEqual(['office', 'night']);
  });
});
