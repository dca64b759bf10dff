import type { PiiType } from '../../settings.ts';

/** A PII occurrence in the (PII-normalised) text; `value` is its canonical form (lower case), for the allow list. */
export interface PiiSpan {
  readonly type: PiiType;
  readonly start: number;
  readonly end: number;
  readonly value: string;
}

/** True when the `window` characters before `start` end with `context` (an anchored-at-end regex). */
export function precededBy(text: string, start: number, context: RegExp, window = 32): boolean {
  return context.test(text.slice(Math.max(0, start - window), start));
}
