// Reading intake fields out of what a caller says. Each reader gets the (already sanitised) turn and
// whether that field was the one just asked: an answer to the question may be bare ("john smith",
// "six two seven oh one"), a volunteered one needs a cue ("my name is…", "zip is…").
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { spokenDigits } from './speech.ts';

const STREET_SUFFIX = String.raw`(?:street|st|avenue|ave|road|rd|drive|dr|lane|ln|court|ct|boulevard|blvd|way|place|pl|circle|cir|terrace|ter|parkway|pkwy|highway|hwy|trail|trl|loop|row|square|sq)`;
const STREET = new RegExp(String.raw`\b\d{1,6}[a-z]?\s+(?:[a-z0-9.'-]+\s+){0,4}?${STREET_SUFFIX}\b\.?(?:,?\s*(?:apt|apartment|unit|suite|ste|#)\.?\s*[\w-]+)?`, 'i');

const ZIP_AFTER_STREET = new RegExp(String.raw`${STREET.source}[\s,]+(?:[a-z]+[\s,]+){0,3}(\d{5})\b`, 'i');

/** The caller's callback number in E.164, read with libphonenumber in the business's region. */
export function readPhone(text: string, region: CountryCode): string | null {
  const withDigits = spokenDigits(text);
  for (const m of withDigits.matchAll(/\+?\d[\d\s().-]{5,}\d/g)) {
    const raw = m[0];
    const digits = raw.replace(/[^\d+]/g, '');
    if (digits.replace('+', '').length < 7) continue;
    // a number followed by a ZIP in one breath: try the leading 10/11 digits too
    for (const candidate of [digits, digits.slice(0, 11), digits.slice(0, 10)]) {
      const phone = parsePhoneNumberFromString(candidate, region);
      if (phone?.isValid()) return phone.number;
    }
  }
  return null;
}

/** A US ZIP (or the region's postal code, as typed in the config): bare when asked, after "zip"/an address otherwise. */
export function readZip(text: string, asked: boolean): string | null {
  if (!asked && !/\d|\b(?:zip|postal)\b/i.test(text)) return null;
  // ZIP+4 ("62701-1234"): the ZIP is the first five digits; the digit-joining below would merge all nine
  const t = spokenDigits(text)
    .replace(/\b(\d{5})-\d{4}\b/g, '$1')
    .replace(/(\d)[\s-](?=\d(?:[\s-]?\d){3}\b)/g, '$1')
    .replace(/(\d) (?=\d)/g, '$1');
  const cued = /\b(?:zip|zip code|postal code|zipcode)\b(?:\s+(?:is|its|it's))?[:\s]*(\d{5})\b/i.exec(t);
  if (cued) return cued[1];
  const afterStreet = ZIP_AFTER_STREET.exec(t);
  if (afterStreet) return afterStreet[1];
  if (!asked) return null;
  const bare = /(?<![\d])(\d{5})(?![\d])/.exec(t);
  return bare ? bare[1] : null;
}

/** A street address: "12 Elm Street", "4410 north oak park avenue apt 3". Bare text with a number when asked. */
export function readAddress(text: string, asked: boolean): string | null {
  const t = spokenDigits(text);
  const m = STREET.exec(t);
  if (m) return tidy(m[0]);
  // a leading "oh" is a filler ("oh, 12 elm"), not a house number zero
  const spoken = spokenDigits(text.replace(/^\s*oh\b[\s,]*/i, ''));
  if (!asked || !/\d/.test(spoken)) return null;
  const bare = spoken.replace(/^\s*(?:(?:yeah|yes|sure|ok|okay|so)\s*,?\s*)*(?:it'?s|the address is|address is|i live at|we're at|we are at|at)\s+/i, '');
  return tidy(bare.split(/[.!?]/)[0]).slice(0, 120) || null;
}

const NOT_NAMES = new Set(
  'a an the and or but so yes yeah no okay ok sure hi hello um uh well calling about with from for my your our just really very urgent emergency here there it its is this that i im me we us they he she having got have has gas water heat no not sorry please thanks thank you calling call problem issue at on in back after before later anytime tomorrow today tonight asap soon when whenever'.split(' '),
);

/** "my name is Jane Doe", "this is Jane", "name's Jane", or the bare answer to "can I get your name?" */
export function readName(text: string, asked: boolean): string | null {
  // every cue in turn: "you can call me anytime, my name is Bob" has its name after the second one
  for (const cued of text.matchAll(/(?<![\p{L}'])(?:my name is|my name's|name is|name's|call me|this is|it's|its|i am|i'm|im)\s+(\p{L}[\p{L}'-]+(?:\s+\p{L}[\p{L}'-]+){0,2})/giu)) {
    const weakCue = /^(?:this is|it's|its|i am|i'm|im)/i.test(cued[0]);
    const fromCue = nameWords(cued[1]);
    if (fromCue.length && (asked || !weakCue || fromCue.length >= 2)) return fromCue.join(' ');
  }
  if (!asked) return null;
  const bare = nameWords(text.replace(/^\s*(?:(?:yeah|yes|sure|ok|okay|hi|hello|um|uh)\s*,?\s*)+/i, ''));
  return bare.length ? bare.join(' ') : null;
}

/** Up to three leading words that can be a name, capitalised; stops at the first word that cannot. */
function nameWords(candidate: string): string[] {
  const words: string[] = [];
  for (const w of candidate.split(/\s+/)) {
    const word = w.replace(/[,.;!?]+$/, '');
    // \p{L}: names are not only ASCII ("José García")
    if (!word || NOT_NAMES.has(word.toLowerCase()) || !/^\p{L}[\p{L}'-]*$/u.test(word)) break;
    words.push(word[0].toLocaleUpperCase() + word.slice(1));
    if (words.length === 3 || word !== w) break;
  }
  return words;
}

/** home or business. */
export function readPropertyType(text: string, asked: boolean): 'home' | 'business' | null {
  const t = text.toLowerCase();
  const business = /\b(?:business|office|store|shop|restaurant|commercial|warehouse|church|school|clinic|salon|building i manage)\b/.test(t);
  const home = /\b(?:home|house|residence|residential|apartment|condo|townhouse|townhome|my place|duplex|mobile home)\b/.test(t);
  if (business && !home) return 'business';
  if (home && !business) return 'home';
  if (asked && business) return 'business';
  return null;
}

const WINDOW = /\b(?:(?:early |late )?(?:mornings?|afternoons?|evenings?)|weekends?|weekdays?|(?:after|before) (?:\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?|noon|lunch|work|school)|(?:mon|tues|wednes|thurs|fri|satur|sun)days?|tomorrow(?: (?:morning|afternoon|evening))?|any ?time|today|tonight|between \d{1,2}(?::\d{2})?\s*(?:am|pm)? and \d{1,2}(?::\d{2})?\s*(?:am|pm)?)\b/gi;

/** A preferred window, kept as the caller's preference ("mornings", "after 3 pm"), never a booking. */
export function readPreferredWindow(text: string, asked: boolean): string | null {
  const cue = /\b(?:prefer|preferably|work(?:s)? best|best time|available|i'm free|im free|i am free|any time|anytime|ideally|if possible)\b/i.test(text);
  if (!asked && !cue) return null;
  const found = [...text.matchAll(WINDOW)].map((m) => m[0].toLowerCase().trim());
  if (found.length) return [...new Set(found)].join(', ');
  return asked && /\b(?:any ?time|whenever|no preference|doesn't matter|don't care)\b/i.test(text) ? 'any time' : null;
}

function tidy(s: string): string {
  return s.replace(/\s+/g, ' ').replace(/[\s,.]+$/, '').trim();
}
