import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.ts';
import { parseBusinessConfig } from '../../src/calls/config.ts';
import { exampleConfigJson } from './helpers.ts';

function fieldsOf(patch: (c: any) => void): string[] {
  const json = exampleConfigJson();
  patch(json);
  try {
    parseBusinessConfig(json);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).issues.map((i) => `${i.field}: ${i.message}`);
  }
}

describe('business configuration errors name the field', () => {
  it('accepts the example', () => expect(fieldsOf(() => {})).toEqual([]));
  it.each<[string, (c: any) => void, RegExp]>([
    ['unknown intake field', (c) => c.intakeFields.push('ssn'), /^intakeFields\[5\]: unknown intake field "ssn"/],
    ['bad time range', (c) => (c.hours.mon = ['08:00-25:00']), /^hours\.mon\[0\]: "08:00-25:00"/],
    ['closing before opening', (c) => (c.hours.tue = ['17:00-08:00']), /^hours\.tue\[0\]: .*closes before it opens/],
    ['unknown timezone', (c) => (c.business.timezone = 'America/Springfield'), /^business\.timezone: unknown IANA timezone/],
    ['recipient with no address', (c) => (c.recipients[1] = { id: 'oncall', gets: ['emergency'] }), /^recipients\[1\]: a recipient needs an email or a phone/],
    ['emergency route with no recipient', (c) => (c.recipients = [{ id: 'office', email: 'o@acme.example', gets: ['plumbing'] }]), /^recipients: no recipient gets "emergency"/],
    ['on-call policy without a phone', (c) => { c.afterHours = 'emergencies_to_on_call'; c.recipients[1] = { id: 'oncall', email: 'x@acme.example', gets: ['emergency'] }; }, /^afterHours: emergencies_to_on_call needs a recipient with a phone/],
    ['unknown route', (c) => (c.recipients[0].gets = ['everything']), /^recipients\[0\]\.gets\[0\]: unknown route "everything"/],
    ['invalid phone', (c) => (c.recipients[1].phone = '+1217555'), /^recipients\[1\]\.phone: not a valid phone number/],
    ['bad holiday', (c) => (c.hours.holidays = ['25/12/2026']), /^hours\.holidays\[0\]:/],
    ['no problem field', (c) => (c.intakeFields = ['name']), /^intakeFields: must include "problem"/],
    ['unknown key', (c) => (c.extra = 1), /extra/],
  ])('%s', (_name, patch, expected) => {
    expect(fieldsOf(patch).some((f) => expected.test(f)), fieldsOf(patch).join('\n')).toBe(true);
  });
});
