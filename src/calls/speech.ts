// Speech-to-text text comes lower-cased or not, with or without punctuation, with fillers and spelled
// letters ("c o alarm"). Hazard and category rules run on one canonical form of it.

const FILLERS = /\b(?:um+|uh+|uhm+|erm?|ah+|hmm+|mm+|you know|i mean|okay so|so yeah)\b/g;

const UNITS: Record<string, number> = {
  zero: 0, oh: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };

/**
 * Lower case, no punctuation, single spaces, fillers gone, spelled acronyms joined ("c o" → "co",
 * "h v a c" → "hvac"), spoken numbers before "degrees"/"years" turned to digits.
 * @example canonical("Um, the C.O. alarm is going off!!") // "the co alarm is going off"
 */
export function canonical(text: string): string {
  let t = text.toLowerCase();
  // the cheap tests in front of each step skip it for the usual plain-ASCII, acronym-free turn
  if (/[^\x00-\x7f]/.test(t)) t = t.normalize('NFKC');
  // a minus sign before a number is a word here ("-5 outside" is cold), or the punctuation pass would drop it
  if (/(?:^|[^a-z0-9])[-−]\d/.test(t)) t = t.replace(/(^|[^a-z0-9])[-−](?=\d)/g, '$1 minus ');
  t = ` ${t.replace(/['’‘]/g, '').replace(/[^a-z0-9]+/g, ' ')} `;
  if (/ (?:um|uh|er|ah|hm|mm|you know|i mean|okay so|so yeah)/.test(t)) t = t.replace(FILLERS, ' ');
  if (/\b[a-z] [a-z0-9]\b/.test(t)) {
    t = t
      .replace(/\bh v a c\b/g, 'hvac')
      .replace(/\bg f c i\b/g, 'gfci')
      .replace(/\bc o 2\b/g, 'co2')
      .replace(/\bc o\b/g, 'co')
      .replace(/\ba c\b(?! o)/g, 'ac');
  }
  if (/teen|ty\b|minus|negative|degrees|years/.test(t)) t = spokenNumbers(t);
  return t.replace(/ {2,}/g, ' ').trim();
}

/** "twenty five degrees" → "25 degrees", "minus ten" → "-10" (only where a number word stands). */
function spokenNumbers(t: string): string {
  return t
    .replace(/\b(minus|negative) (one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)\b/g, (_m, _s, w: string) => `-${UNITS[w]}`)
    .replace(/\b(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?: (one|two|three|four|five|six|seven|eight|nine))?\b/g, (_m, tens: string, unit?: string) =>
      String(TENS[tens] + (unit ? UNITS[unit] : 0)),
    )
    .replace(/\b(zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)(?= (?:degrees|below|years))/g, (w) => String(UNITS[w]))
    .replace(/\b(?:minus|negative) (\d+)/g, '-$1');
}

const SPOKEN_DIGIT = /\b(zero|oh|one|two|three|four|five|six|seven|eight|nine)\b/gi;

/** Spoken digits ("two one seven, five five five…", "oh") to numerals, keeping everything else: used for phone numbers and ZIP codes. */
export function spokenDigits(text: string): string {
  return text.replace(SPOKEN_DIGIT, (w) => String(UNITS[w.toLowerCase()]));
}

/**
 * spokenDigits, plus where each offset of its output stands in `text` (for cutting a span found in the
 * output out of the caller's own words). An end offset maps to the end of a replaced word.
 */
export function spokenDigitsMapped(text: string): { text: string; original: (at: number) => number } {
  // [offset in the output, offset in text] at both edges of every replaced word
  const marks: [number, number][] = [[0, 0]];
  let out = '';
  let at = 0;
  for (const m of text.matchAll(SPOKEN_DIGIT)) {
    out += text.slice(at, m.index);
    marks.push([out.length, m.index]);
    out += String(UNITS[m[0].toLowerCase()]);
    at = m.index + m[0].length;
    marks.push([out.length, at]);
  }
  out += text.slice(at);
  return {
    text: out,
    original: (offset) => {
      let i = marks.length - 1;
      while (marks[i][0] > offset) i -= 1;
      return marks[i][1] + (offset - marks[i][0]);
    },
  };
}
