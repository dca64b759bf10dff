import type { PiiType } from '../../settings.ts';

/** A PII occurrence in the (PII-normalised) text; `value` is its canonical form (lower case), for the allow list. */
export interface PiiSpan {
  readonly type: PiiType;
  readonly start: number;
  readonly end: number;
  readonly value: string;
}

/**
 * A label that must end right where a number starts ("order #", "tracking number:"), as a lookbehind
 * tried once at the end (V8 matches a lookbehind backwards): an end-anchored regex (`…$`) is tried from
 * every position before it.
 */
export function labelBefore(label: RegExp): RegExp {
  return new RegExp(`(?<=${label.source})`, `${label.flags}y`);
}

/** True when the `window` characters before `start` end with `label` (made by labelBefore). */
export function precededBy(text: string, start: number, label: RegExp, window = 32): boolean {
  const before = text.slice(Math.max(0, start - window), start);
  label.lastIndex = before.length;
  return label.test(before);
}

/**
 * An order, invoice, tracking, SKU, batch or reference number is labelled as such ("order #", "SKU:",
 * "tracking number"): what follows is that number, not a phone number or an SSN.
 */
export const REFERENCE_LABEL = labelBefore(/(?:order|invoice|tracking|track|shipment|parcel|package|ref(?:erence)?|sku|item|account|acct|confirmation|conf|case|ticket|rma|po|receipt|transaction|txn|serial|model|part|product|batch|lot|id)\s*(?:no\.?|number|num|nr|id|code|#)?(?:\s+(?:is|was))?\s*[:#]?\s*#?\s*|#\s*/i);
