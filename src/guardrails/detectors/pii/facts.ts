/**
 * What one pass over a text's characters tells the PII detectors: which of them can find anything at
 * all, and where the runs of digits are. Phone, card, SSN and IPv4 detection start from these digit
 * runs instead of each scanning the whole text with its own regex. The detectors read ASCII only
 * (their regexes have no `u` flag), so everything here is about ASCII characters.
 */
export interface TextFacts {
  /** Printable ASCII and line breaks only: normalisation has nothing to change. */
  plain: boolean;
  letters: number;
  at: boolean;
  colon: boolean;
  dot: boolean;
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

/** The facts of `text`; its `starts`/`ends` are valid until the next call. */
export function textFacts(text: string): TextFacts {
  let plain = true;
  let digits = 0;
  let letters = 0;
  let at = false;
  let colon = false;
  let dot = false;
  let groups = 0;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 97) {
      if (c <= 122) letters++;
      else if (c > 0x7e) plain = false;
    } else if (c >= 48 && c <= 57) {
      const start = i;
      do c = text.charCodeAt(++i);
      while (c >= 48 && c <= 57);
      if (groups === starts.length) grow();
      starts[groups] = start;
      ends[groups] = i;
      groups++;
      digits += i - start;
      i--; // the character after the run is looked at by the loop
    } else if (c >= 65 && c <= 90) letters++;
    else if (c === 64) at = true;
    else if (c === 58) colon = true;
    else if (c === 46) dot = true;
    else if (c < 0x20 && c !== 10 && c !== 13 && c !== 9) plain = false;
  }
  return { plain, letters, at, colon, dot, digits, groups, starts, ends };
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
