import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { instantMs } from '../../src/tickets/instant.ts';

const pad = (n: number, width: number) => String(n).padStart(width, '0');
/** ISO-like instants, valid and not: any day 1–31, hours to 24, fraction lengths 0–4, Z or an offset. */
const isoLike = fc
  .record({
    year: fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1960, max: 2100 })),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    hour: fc.integer({ min: 0, max: 24 }),
    minute: fc.integer({ min: 0, max: 60 }),
    second: fc.integer({ min: 0, max: 60 }),
    fraction: fc.constantFrom('', '.0', '.12', '.123', '.999', '.1234'),
    zone: fc.constantFrom('Z', 'z', '+00:00', '-00:00', '+02:00', '-05:30', '+23:59', '+24:00', '+0200', ''),
  })
  .map((p) => `${pad(p.year, 4)}-${pad(p.month, 2)}-${pad(p.day, 2)}T${pad(p.hour, 2)}:${pad(p.minute, 2)}:${pad(p.second, 2)}${p.fraction}${p.zone}`);

describe('instantMs', () => {
  it('agrees with Date.parse on ISO-like instants, valid or not (property)', () => {
    fc.assert(
      fc.property(isoLike, (text) => {
        expect(instantMs(text)).toBe(Date.parse(text));
      }),
      { numRuns: 20_000 },
    );
  });

  it('agrees with Date.parse on one character changed anywhere (property)', () => {
    fc.assert(
      fc.property(isoLike, fc.nat(), fc.constantFrom('x', '0', '9', '-', ':', 'T', '.', '+', ' '), (text, at, ch) => {
        const i = at % text.length;
        const changed = text.slice(0, i) + ch + text.slice(i + 1);
        expect(instantMs(changed)).toBe(Date.parse(changed));
      }),
      { numRuns: 20_000 },
    );
  });

  it('reads the usual forms', () => {
    expect(instantMs('2026-03-30T12:00:00Z')).toBe(Date.UTC(2026, 2, 30, 12));
    expect(instantMs('2026-03-30T12:00:00.250Z')).toBe(Date.UTC(2026, 2, 30, 12, 0, 0, 250));
    expect(instantMs('2026-03-30T12:00:00+02:00')).toBe(Date.UTC(2026, 2, 30, 10));
    expect(instantMs('2024-02-29T00:00:00-05:30')).toBe(Date.UTC(2024, 1, 29, 5, 30));
  });
});
