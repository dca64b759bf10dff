import { describe, expect, it } from 'vitest';
import { defaults, found } from './helpers.ts';
import { guard } from '../../src/guardrails/index.ts';

// Case tables per detector: [text, the exact PII substring or null when nothing may be found]
const cases: Record<string, [string, string | null][]> = {
  email: [
    ['Reach me at jane.doe@example.com today', 'jane.doe@example.com'],
    ['JANE_DOE+orders@Mail.Example.co.uk.', 'JANE_DOE+orders@Mail.Example.co.uk'],
    ['(jane@example.com)', 'jane@example.com'],
    ['write to jane dot doe at gmail dot com please', 'jane dot doe at gmail dot com'],
    ['jane(at)example(dot)com', 'jane(at)example(dot)com'],
    ['jane [at] example [dot] org', 'jane [at] example [dot] org'],
    ['omar.khan at gmail.com is fine', 'omar.khan at gmail.com'],
    ['Find us at store.example.com', null],
    ['Follow @storeexample for news', null],
    ['the file report@2x.png failed', null],
    ['user@localhost is not an address', null],
    ['Our team at the warehouse will check', null],
  ],
  phone: [
    ['Call (415) 555-2671 now', '(415) 555-2671'],
    ['Call 415-555-2671.', '415-555-2671'],
    ['Call 415.555.2671', '415.555.2671'],
    ['Call 4155552671 today', '4155552671'],
    ['Call +1 415 555 2671', '+1 415 555 2671'],
    ['Call 1-415-555-2671', '1-415-555-2671'],
    ['UK office +44 20 7946 0958.', '+44 20 7946 0958'],
    ['Berlin: +49 30 901820', '+49 30 901820'],
    ['Order #4155552671 shipped', null],
    ['Your order number is 4155552671.', null],
    ['tracking 9400 1000 0000 0000 0000 00', null],
    ['Invoice 4155552671 is attached', null],
    ['Call 555-0123', null],
    ['Call 123-456-7890', null],
    ['It was delivered on 2024-03-15.', null],
    ['Total $1,299,999.99 today', null],
    ['ZIP 94105-1234', null],
  ],
  credit_card: [
    ['card 4111 1111 1111 1111 exp 12/26', '4111 1111 1111 1111'],
    ['card 4111-1111-1111-1111', '4111-1111-1111-1111'],
    ['card 4111111111111111.', '4111111111111111'],
    ['amex 3782 822463 10005', '3782 822463 10005'],
    ['mc 5555555555554444', '5555555555554444'],
    ['mc 2-series 2223003122003222', '2223003122003222'],
    ['discover 6011111111111117', '6011111111111117'],
    ['diners 3056 9309 0259 04', '3056 9309 0259 04'],
    ['jcb 3530111333300000', '3530111333300000'],
    ['unionpay 6200000000000005', '6200000000000005'],
    ['card ending in 1234', null],
    ['card 4111 1111 1111 1112 (bad Luhn)', null],
    ['gift code 9111111111111111', null],
    ['Card xxxx-xxxx-xxxx-4242', null],
    ['tracking number 3782 822463 10005', null],
  ],
  ssn: [
    ['SSN 123-45-6789 on file', '123-45-6789'],
    ['ssn 123 45 6789', '123 45 6789'],
    ['social security number: 123456789', '123456789'],
    ['The SSN is 123456789.', '123456789'],
    ['reference 123456789', null],
    ['000-12-3456', null],
    ['666-12-3456', null],
    ['912-34-5678', null],
    ['123-00-4567', null],
    ['123-45-0000', null],
  ],
  ip_address: [
    ['login from 192.168.1.20 today', '192.168.1.20'],
    ['from 8.8.8.8.', '8.8.8.8'],
    ['from 2001:db8::8a2e:370:7334', '2001:db8::8a2e:370:7334'],
    ['from fe80::1', 'fe80::1'],
    ['mapped ::ffff:192.0.2.1', '::ffff:192.0.2.1'],
    ['full 2001:0db8:85a3:0000:0000:8a2e:0370:7334', '2001:0db8:85a3:0000:0000:8a2e:0370:7334'],
    ['update to version 1.2.3.4', null],
    ['firmware v2.0.0.1', null],
    ['address 256.300.1.1', null],
    ['MAC 00:1A:2B:3C:4D:5E', null],
    ['at 10:30:45 sharp', null],
  ],
};

describe.each(Object.entries(cases))('%s', (type, table) => {
  it.each(table)('%s', (text, expected) => {
    const spans = found(text, type as never);
    if (expected === null) expect(spans).toEqual([]);
    else expect(spans).toEqual([[expected, text.indexOf(expected), text.indexOf(expected) + expected.length]]);
  });
});

// The detectors read the text's digit runs, phone runs, IPv6 starts and spelled-out forms by hand
// (src/guardrails/detectors/pii/facts.ts and each detector); these rows pin where a number may begin and
// end, what glued characters rule it out, and the e-mail forms in other cases and spacings.
const edges: [string, [string, string][]][] = [
  ['Call 415-555-2671-9', [['phone', '415-555-2671']]],
  ['Call 415-555-2671/2', []],
  ['Call (415) 555-2671)', [['phone', '(415) 555-2671']]],
  ['ref-415-555-2671', []],
  ['Call 415 555 2671 12 times', [['phone', '415 555 2671']]],
  ['415 555 2671. Thanks', [['phone', '415 555 2671']]],
  ['SSN 123-45-6789-1', []],
  ['SSN -123-45-6789', []],
  ['SSN 123-45 6789', []],
  ['SSN: 123456789-0', []],
  ['SSN: 1234567890', []],
  ['ip 1.2.3.4.5', []],
  ['ip x1.2.3.4', []],
  ['ip :1.2.3.4', []],
  ['ip 1.2.3.4a', []],
  ['ip 1.2.3.4.', [['ip_address', '1.2.3.4']]],
  ['ip 1234.5.6.7', []],
  ['10.0.0.1,10.0.0.2', [['ip_address', '10.0.0.1'], ['ip_address', '10.0.0.2']]],
  ['paid 1,4111 1111 1111 1111', []],
  ['card 4111  1111 1111 1111', []],
  ['card 4111-1111 1111-1111 and 4111111111111111', [['credit_card', '4111-1111 1111-1111'], ['credit_card', '4111111111111111']]],
  ['from x2001:db8::1', []],
  ['from 2001:db8::1.', [['ip_address', '2001:db8::1']]],
  ['fe80:abcd1:: x', []],
  ['g2001:db8::1 and 2001:db8::2', [['ip_address', '2001:db8::2']]],
  ['Mail JANE DOT DOE AT GMAIL DOT COM', [['email', 'JANE DOT DOE AT GMAIL DOT COM']]],
  ['mail jane\u2003dot\u2003doe at gmail dot com', [['email', 'jane\u2003dot\u2003doe at gmail dot com']]],
  ['jane (at) example [dot] co {dot} uk', [['email', 'jane (at) example [dot] co {dot} uk']]],
  ['jane at gmail.com and ann at gmail.com', [['email', 'jane at gmail.com'], ['email', 'ann at gmail.com']]],
  ['We refunded €5 to +44 20 7946 0958', [['phone', '+44 20 7946 0958']]],
  ['Call ４１５-５５５-２６７１ 🎉', [['phone', '４１５-５５５-２６７１']]],
  ['Call 415\u200b-555-2671', [['phone', '415\u200b-555-2671']]],
];

describe('where a number or address begins and ends', () => {
  it.each(edges)('%s', (text, expected) => {
    const r = guard(text, defaults);
    const pii = r.findings.filter((f) => f.rule.startsWith('pii.'));
    expect(pii.map((f) => [f.type, text.slice(f.start, f.end)])).toEqual(expected);
  });
});
