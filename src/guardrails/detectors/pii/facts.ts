/**
 * What one pass over a text's characters tells the PII detectors: which of them can find anything at
 * all, and where the runs of digits are. Phone, card, SSN and IPv4 detection start from these digit
 * runs instead of each scanning the whole text with its own regex. The detectors read ASCII only
 * (their regexes have no `u` flag), so everything here is about ASCII characters.
 */
export interface TextFacts {
  /** Printable ASCII and line breaks only: normalisation has nothing to change. */
  plain: boolean;
  at: boolean;
  colon: boolean;
  dot: boolean;
  /** One of ( [ { < : a bracketed "(at)" or "[dot]" can follow. */
  bracket: boolean;
  /** " at " or " dot ", any case: a spelled-out e-mail address can be here. */
  spelled: boolean;
  /** Number of ASCII digits. */
  digits: number;
  /** Maximal runs of ASCII digits: run i is [starts[i], ends[i]), for i < groups, in text order. */
  groups: number;
  starts: Int32Array;
  ends: Int32Array;
}

// The digit runs live in buffers shared by every scan (a scan is synchronous and reads them before
// the next one starts): no allocation per text.
let starts = new Int32Array(64);
let ends = new Int32Array(64);

// What each ASCII character is to the pass (a table: the pass costs ~2 ns a character, every text pays it).
const OTHER = 0;
const DIGIT = 1;
const AT = 2;
const COLON = 3;
const DOT = 4;
const CONTROL = 5;
const BRACKET = 6;
const SPACE = 7;
const KIND = new Uint8Array(128);
for (let c = 48; c <= 57; c++) KIND[c] = DIGIT;
for (let c = 0; c < 32; c++) if (c !== 9 && c !== 10 && c !== 13) KIND[c] = CONTROL;
KIND[64] = AT;
KIND[58] = COLON;
KIND[46] = DOT;
for (const c of '([{<') KIND[c.charCodeAt(0)] = BRACKET;
KIND[32] = SPACE;
KIND[127] = CONTROL;

/** The facts of `text`; its `starts`/`ends` are valid until the next call. */
export function textFacts(text: string): TextFacts {
  let plain = true;
  let digits = 0;
  let at = false;
  let colon = false;
  let dot = false;
  let bracket = false;
  let spelled = false;
  let groups = 0;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c > 127) {
      plain = false;
      continue;
    }
    const kind = KIND[c];
    if (kind === OTHER) continue;
    if (kind === DIGIT) {
      const start = i;
      while (++i < length && KIND[text.charCodeAt(i)] === DIGIT);
      if (groups === starts.length) grow();
      starts[groups] = start;
      ends[groups] = i;
      groups++;
      digits += i - start;
      i--; // the character after the run is looked at by the loop
    } else if (kind === SPACE) {
      if (!spelled) spelled = spelledWordAt(text, i + 1);
    } else if (kind === AT) at = true;
    else if (kind === COLON) colon = true;
    else if (kind === DOT) dot = true;
    else if (kind === BRACKET) bracket = true;
    else plain = false;
  }
  return { plain, at, colon, dot, bracket, spelled, digits, groups, starts, ends };
}

/** "at " or "dot " (any case) at `i`. (`| 32` lower-cases an ASCII letter and turns no other character into one.) */
function spelledWordAt(text: string, i: number): boolean {
  const a = text.charCodeAt(i) | 32;
  if (a === 97) return (text.charCodeAt(i + 1) | 32) === 116 && text.charCodeAt(i + 2) === 32;
  if (a === 100) return (text.charCodeAt(i + 1) | 32) === 111 && (text.charCodeAt(i + 2) | 32) === 116 && text.charCodeAt(i + 3) === 32;
  return false;
}

/** More than `n` ASCII letters (counted only as far as needed). */
export function moreLettersThan(text: string, n: number): boolean {
  let letters = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i) | 32;
    if (c >= 97 && c <= 122 && ++letters > n) return true;
  }
  return false;
}

function grow(): void {
  const bigger = (a: Int32Array) => {
    const b = new Int32Array(a.length * 2);
    b.set(a);
    return b;
  };
  starts = bigger(starts);
  ends = bigger(ends);
}

export const isDigit = (c: number): boolean => c >= 48 && c <= 57;
/** `\w` without the `u` flag. */
export const isWordChar = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
