import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isValidPhoneNumber, type CountryCode } from 'libphonenumber-js/max';
import { validPhone } from '../../src/guardrails/detectors/pii/phone-validity.ts';

// Our compiled-metadata validity must say what libphonenumber's isValidPhoneNumber says.
const REGIONS = ['US', 'GB', 'DE', 'FR', 'AU', 'ES', 'IN', 'BR', 'JP', 'CA', 'MX', 'IT', 'NL', 'RU', 'AR', 'CN', 'ZA', 'NG'];
const CODES = ['1', '44', '49', '33', '61', '34', '91', '55', '81', '52', '39', '31', '7', '54', '86', '27', '234', '800', '888'];

describe('phone validity agrees with libphonenumber', () => {
  it('on national numbers in many default regions', () => {
    fc.assert(
      fc.property(fc.constantFrom(...REGIONS), fc.stringMatching(/^[0-9]{6,13}$/), fc.constantFrom('', ' ', '-'), (region, digits, sep) => {
        const written = sep ? digits.replace(/(\d{3})(?=\d)/g, `$1${sep}`) : digits;
        expect(validPhone(written, region) !== null).toBe(isValidPhoneNumber(written, region as CountryCode));
      }),
      { numRuns: 4000 },
    );
  });
  it('on international numbers', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CODES), fc.stringMatching(/^[1-9][0-9]{5,11}$/), (code, rest) => {
        const written = `+${code} ${rest}`;
        expect(validPhone(written, 'US') !== null).toBe(isValidPhoneNumber(written, 'US'));
      }),
      { numRuns: 4000 },
    );
  });
  it.each([
    ['(415) 555-2671', 'US', '+14155552671'],
    ['1-415-555-2671', 'US', '+14155552671'],
    ['+44 20 7946 0958', 'US', '+442079460958'],
    ['020 7946 0958', 'GB', '+442079460958'],
    ['(242) 357-1234', 'US', '+12423571234'],
    // the calling code without "+": stripped only when libphonenumber would (found by the property above)
    ['914020000000', 'IN', '+914020000000'],
    ['4902010000000', 'DE', null],
  ])('%s in %s is %s', (written, region, e164) => {
    expect(validPhone(written, region)).toBe(e164);
  });
});
