// Reading intake fields out of what a caller says. Each reader gets the (already sanitised) turn and
// whether that field was the one just asked: an answer to the question may be bare ("john smith",
// "six two seven oh one"), a volunteered one needs a cue ("my name is…", "zip is…").
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { spokenDigits, spokenDigitsMapped } from './speech.ts';

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

const NAME_CUE = String.raw`(?:my name is|my name's|name is|name's|call me|this is|it's|its|i am|i'm|im)`;
const NAME_AFTER_CUE = new RegExp(String.raw`(?<![\p{L}'])${NAME_CUE}\s+(\p{L}[\p{L}'-]+(?:\s+\p{L}[\p{L}'-]+){0,2})`, 'giu');

/** "my name is Jane Doe", "this is Jane", "name's Jane", or the bare answer to "can I get your name?" */
export function readName(text: string, asked: boolean): string | null {
  // every cue in turn: "you can call me anytime, my name is Bob" has its name after the second one
  for (const cued of text.matchAll(NAME_AFTER_CUE)) {
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

/** The intake fields that identify the caller or the place: what a caller often volunteers in the first breath. */
export type VolunteeredField = 'name' | 'callbackNumber' | 'serviceAddress' | 'zipCode';

interface Span {
  start: number;
  end: number;
}

const DIGIT_WORDS = ['zero|oh', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
/** The words just before a value that only introduce it, cut with it ("call me back on", "zip code is", "at"). */
const PHONE_CUE = /(?:\b(?:(?:you can|please|just)\s+)?(?:call|reach|text|ring)(?:\s+(?:me|us))?(?:\s+back)?(?:\s+(?:on|at))?|\b(?:(?:my|the|our|a|best|cell|mobile|phone|callback|call back|contact)\s+)*(?:number|phone|cell)(?:\s+is|'s)?|\bon|\bat)[\s:,-]*$/i;
const ZIP_CUE = /\b(?:(?:my|the|our)\s+)?(?:zip code|zipcode|zip|postal code)(?:\s+(?:is|its|it's))?[\s:,]*$/i;
const ADDRESS_CUE = /(?:\b(?:(?:i|we)\s+(?:live|are)|we're|i'm|im)\s+)?(?:\b(?:(?:my|the|our|service)\s+)*address(?:\s+is|'s)?|\bat|\bon)[\s:,]*$/i;
/** Weak name cues ("it's", "i'm") also start problems ("its leaking under the sink"): cut only after a greeting or with a capitalised name. */
const WEAK_NAME_CUE = /^(?:it's|its|i am|i'm|im)\b/i;
const GREETING_BEFORE = /\b(?:hi|hello|hey|yeah|yes)[\s,.!]*$/i;
/** What is left of a clause once values are cut that carries nothing: greetings, fillers, joining words. */
const FILLER = /^(?:hi|hello|hey|yeah|yes|so|ok|okay|um|uh|and|also|but|or|at|on|here|please|thanks|thank you|calling|just|well)$/i;

/**
 * The caller's words without the values of the given fields, as the readers above find them when not asked
 * (so "this is John Smith", "at 12 Elm Street, Springfield 62701", "call me back on 217 555 0123" go with
 * their cue words), and without clauses left holding only a greeting or filler. Clauses with nothing cut
 * stay as said.
 * @example cutVolunteered('hi this is John Smith, my sink is leaking', ['name'], 'US') // 'my sink is leaking'
 */
export function cutVolunteered(text: string, fields: readonly VolunteeredField[], region: CountryCode): string {
  const spans: Span[] = [];
  // each reader finds one value; it runs again on the text with what was found blanked out (same length,
  // so offsets hold) until it finds no more
  let rest = text;
  for (let round = 0; round < 4; round += 1) {
    const found: Span[] = [];
    const passed: Span[] = [];
    let address: Span | null = null;
    let zip: Span | null = null;
    if (fields.includes('callbackNumber')) {
      const phone = readPhone(rest, region);
      const parsed = phone ? parsePhoneNumberFromString(phone) : undefined;
      if (parsed) found.push(...digitSpans(rest, parsed.nationalNumber, String.raw`(?:\+?${digitsPattern(parsed.countryCallingCode)}|0)`, '', PHONE_CUE));
    }
    if (fields.includes('zipCode')) {
      const value = readZip(rest, false);
      const spans = value ? digitSpans(rest, value, '', String.raw`(?:-\d{4})?`, ZIP_CUE) : [];
      zip = spans[0] ?? null;
      found.push(...spans);
    }
    if (fields.includes('serviceAddress') && readAddress(rest, false)) {
      const mapped = spokenDigitsMapped(rest);
      const m = STREET.exec(mapped.text);
      if (m) {
        const end = mapped.original(m.index + m[0].replace(/[\s,.]+$/, '').length);
        const start = withCue(rest, mapped.original(m.index), ADDRESS_CUE);
        found.push((address = { start, end }));
      }
    }
    // a city and state between the street and its ZIP code belong to the address
    if (address && zip && zip.start > address.end && /^[\s,.]+(?:[\p{L}.]+[\s,]+){0,3}$/u.test(rest.slice(address.end, zip.start))) {
      found.push({ start: address.end, end: zip.start });
    }
    if (fields.includes('name')) {
      const name = readName(rest, false) ?? introducedName(rest);
      if (name) {
        const words = name.split(' ').map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join(String.raw`\s+`);
        const at = new RegExp(String.raw`(?<![\p{L}'])(?:(${NAME_CUE})\s+)?${words}(?![\p{L}'])`, 'giu');
        const all = [...rest.matchAll(at)];
        const cued = all.find((m) => m[1] !== undefined);
        const sure = !cued || !WEAK_NAME_CUE.test(cued[1]) || GREETING_BEFORE.test(rest.slice(0, cued.index)) || /^\p{Lu}/u.test(rest.slice(cued.index + cued[1].length).trimStart());
        for (const m of all) (sure ? found : passed).push({ start: m.index, end: m.index + m[0].length });
      }
    }
    if (!found.length && !passed.length) break;
    spans.push(...found);
    rest = blank(rest, [...found, ...passed]);
  }
  return spans.length ? cutSpans(text, spans) : text;
}

/**
 * "hi this is John", "I'm Jane": one name word after an introduction, which readName leaves to the answer
 * to the name question (unasked, "i'm worried" is no name); taken here after a greeting or when capitalised.
 */
function introducedName(text: string): string | null {
  for (const cued of text.matchAll(NAME_AFTER_CUE)) {
    if (!/^(?:this is|i am|i'm|im)\b/i.test(cued[0])) continue;
    const word = nameWords(cued[1])[0];
    const at = cued.index + cued[0].length - cued[1].length;
    if (word && (GREETING_BEFORE.test(text.slice(0, cued.index)) || /^\p{Lu}/u.test(text.slice(at)))) return word;
  }
  return null;
}

/** Where a value's digits stand in the caller's words, as numerals or spoken ("two one seven"), with their cue. */
function digitSpans(text: string, digits: string, prefix: string, suffix: string, cue: RegExp): Span[] {
  const pattern = String.raw`(?<![\p{L}\d])(?:${prefix ? prefix + String.raw`[\s().,-]*` : ''})?\(?${digitsPattern(digits)}${suffix}(?![\p{L}\d])`;
  return [...text.matchAll(new RegExp(pattern, 'giu'))].map((m) => ({ start: withCue(text, m.index, cue), end: m.index + m[0].length }));
}

function digitsPattern(digits: string): string {
  return [...digits].map((d) => `(?:${d}|${DIGIT_WORDS[Number(d)]})`).join(String.raw`[\s().,-]*`);
}

/** The start of a span moved back over the cue words right before it, if any. */
function withCue(text: string, start: number, cue: RegExp): number {
  const before = text.slice(Math.max(0, start - 60), start);
  const m = cue.exec(before);
  return m ? start - (before.length - m.index) : start;
}

function blank(text: string, spans: Span[]): string {
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + ' '.repeat(s.end - s.start) + out.slice(s.end);
  return out;
}

/** Cuts the spans; a clause that loses something keeps only what is not filler, and goes if nothing is left. */
function cutSpans(text: string, spans: Span[]): string {
  const cut = new Uint8Array(text.length);
  for (const s of spans) cut.fill(1, s.start, s.end);
  let out = '';
  for (const clause of text.matchAll(/([^,;.!?]*)([,;.!?]+\s*|$)/g)) {
    if (!clause[0]) continue;
    const start = clause.index;
    const body = clause[1];
    let kept = '';
    let touched = false;
    for (let i = 0; i < body.length; i += 1) {
      if (cut[start + i]) touched = true;
      else kept += body[i];
    }
    const words = kept.trim().split(/\s+/).filter(Boolean);
    // a clause with nothing cut stays as said, unless it is only a greeting ("Hi, I'm John Smith.")
    if (!touched && !words.every((w) => FILLER.test(w))) {
      out += clause[0];
      continue;
    }
    while (words.length && FILLER.test(words[0])) words.shift();
    while (words.length && FILLER.test(words[words.length - 1])) words.pop();
    if (words.length) out += `${/^\s/.test(body) && out ? ' ' : ''}${words.join(' ')}${clause[2]}`;
  }
  return out.replace(/^[\s,;.!?]+/, '').replace(/[\s,;]+$/, '').replace(/\s{2,}/g, ' ');
}
