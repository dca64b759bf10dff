import validator from 'validator';
import { labelBefore, precededBy, type PiiSpan } from './span.ts';
import { isDigit, isWordChar, type TextFacts } from './facts.ts';

const COLONS = /[0-9a-f]:[0-9a-f:]/i;
// Sticky: tried only where an address can begin (nextV6), not at every position of the text.
const V6 = /(?<![\w:.])(?:[0-9a-f]{0,4}:){2,7}(?:(?:\d{1,3}\.){3}\d{1,3}|[0-9a-f]{1,4})?(?![\w:]|\.\w)/iy;
// "version 1.2.3.4", "v1.2.3.4", "build 10.0.19041.1": a dotted quad after these words is a version.
const VERSION = labelBefore(/(?:\bv|\bver\.?|version|build|release|firmware|update|upgrade|patch|sdk|app|ios|android|windows|macos|os|driver|rev(?:ision)?)\s*[:#]?\s*/i);

/**
 * IPv4 and IPv6 addresses (compressed forms and IPv4-mapped too), valid by validator's isIP. IPv4 is
 * read from the text's digit runs (facts.ts): four runs of 1–3 digits joined by single dots, not glued
 * to a word, dot or colon before, nor to a word or ".digit" after.
 */
export function findIps(text: string, facts: TextFacts): PiiSpan[] {
  const out: PiiSpan[] = [];
  const { starts, ends, groups } = facts;
  for (let k = 0; k + 3 < groups; k++) {
    const start = starts[k];
    if (afterAddressChar(text.charCodeAt(start - 1)) || !dottedQuadAt(text, facts, k)) continue;
    const end = ends[k + 3];
    const value = text.slice(start, end);
    if (validator.isIP(value, 4) && !precededBy(text, start, VERSION, 20)) out.push({ type: 'ip_address', start, end, value });
    k += 3; // an invalid quad (256.1.1.1) is still not the start of another one
  }
  // an IPv6 address has at least two colons
  const colon = facts.colon ? text.indexOf(':') : -1;
  if (colon >= 0 && text.indexOf(':', colon + 1) > 0 && COLONS.test(text)) {
    for (let m = nextV6(text, 0); m !== null; m = nextV6(text, m.index + m[0].length)) {
      const c = m[0];
      // at least two written groups: "::1"-like fragments and "Note::" are not addresses worth redacting
      const { written, colons } = colonGroups(c);
      if (written < 2) continue;
      if (!c.includes('::') && colons < 7 && !c.includes('.')) continue;
      if (validator.isIP(c, 6)) out.push({ type: 'ip_address', start: m.index, end: m.index + c.length, value: c.toLowerCase() });
    }
  }
  return out;
}

/**
 * The first V6 match from `from` on, as a global search would find it. A match begins with up to four
 * hex digits before a colon, or at the colon, and not after a word character, ":" or "."; so it can
 * only begin at a colon or at the start of the hex digits right before one.
 */
function nextV6(text: string, from: number): RegExpExecArray | null {
  for (let colon = text.indexOf(':', from); colon >= 0; colon = text.indexOf(':', colon + 1)) {
    let start = colon;
    while (start > from && colon - start < 4 && isHexDigit(text.charCodeAt(start - 1))) start--;
    V6.lastIndex = start;
    const m = V6.exec(text);
    if (m !== null) return m;
  }
  return null;
}

const isHexDigit = (c: number) => (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);

/** Of a candidate split at its colons: how many pieces are not empty, and how many colons there are. */
function colonGroups(candidate: string): { written: number; colons: number } {
  let written = 0;
  let colons = 0;
  let pieceLength = 0;
  for (let i = 0; i < candidate.length; i++) {
    if (candidate.charCodeAt(i) === 58) {
      colons++;
      if (pieceLength > 0) written++;
      pieceLength = 0;
    } else pieceLength++;
  }
  if (pieceLength > 0) written++;
  return { written, colons };
}

// a quad glued to a word, "." or ":" before it is part of something longer (a version, a MAC, an IPv6)
const afterAddressChar = (c: number) => isWordChar(c) || c === 46 || c === 58;

/** Digit runs k..k+3 are 1–3 digits each, joined by single dots, and nothing word-like follows. */
function dottedQuadAt(text: string, facts: TextFacts, k: number): boolean {
  const { starts, ends } = facts;
  for (let q = k; q < k + 4; q++) {
    if (ends[q] - starts[q] > 3) return false;
    if (q < k + 3 && (text.charCodeAt(ends[q]) !== 46 || starts[q + 1] !== ends[q] + 1)) return false;
  }
  const after = text.charCodeAt(ends[k + 3]);
  return !isWordChar(after) && !(after === 46 && isDigit(text.charCodeAt(ends[k + 3] + 1)));
}
