// What a caller may offer but we must never keep (calls.md): card numbers, identity numbers, dates of
// birth, passwords and PINs, bank details. They are cut out of the caller's words before anything is
// stored, so they never reach the transcript, the intake or a summary.
import validator from 'validator';

export type SensitiveKind = 'card' | 'ssn' | 'identity' | 'date_of_birth' | 'password' | 'bank';

export const REMOVED = '[removed]';

const DIGIT_WORD = '(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)';
/** A run of digits or spoken digits, with the separators people and speech-to-text put between them. */
const DIGIT_RUN = new RegExp(String.raw`(?:\d|\b${DIGIT_WORD}\b)(?:[\s.,/-]*(?:\d|\b${DIGIT_WORD}\b))*`, 'gi');
const WORD_VALUE: Record<string, string> = { zero: '0', oh: '0', one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9' };

const CARD_CONTEXT = /\b(?:card|credit|debit|visa|mastercard|master card|amex|american express|discover|cvv|cvc|security code|expir\w*|exp date)\b/i;
const SSN_CONTEXT = /\b(?:social|ssn|s s n|security number|social insurance|sin number|tax id|itin)\b/i;
const BANK_CONTEXT = /\b(?:routing|account number|bank account|checking account|savings account|iban|sort code|acct)\b/i;
// "born on March 3, 1970", "my date of birth is 03/04/1980", "birthday was the fourth of march nineteen eighty":
// after the cue (and an "is"/"was"), the date is the run of date-like words that follows it.
const DOB_CUE = /\b(?:born(?: on| in)?|date of birth|birth ?date|birthday|d o b|dob)\b(?:\s+(?:is|was|it's|its|on))?[:\s]*/gi;
const DATE_WORD = String.raw`(?:\d{1,4}(?:st|nd|rd|th)?(?:[/.-]\d{1,4}){0,2}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?|the|of|(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|\w+teenth|\w+ieth)(?:-\w+)?)\b`;
const DOB_DATE = new RegExp(String.raw`^${DATE_WORD}(?:,?\s+${DATE_WORD})*`, 'i');
/** Identity documents: the number (letters and digits) after the cue. SSNs are found by their digits above. */
const IDENTITY = /\b(?:driver'?s?'? licen[cs]e|drivers licen[cs]e|licen[cs]e number|passport|state id|id card|id number|identification number|medicare|medicaid|national insurance|tax id|itin|ein)\b(?:\s+(?:number|no\.?|#))?(?:\s+(?:is|was|it's|its))?[:\s#]*([a-z]{0,3}\d[\w-]*(?:\s+[\w-]*\d[\w-]*)*)/gi;
const SECRET = /\b(?:password|passcode|pass code|pin(?: number| code)?|login|passphrase)\b(?:\s+(?:is|it's|its|was))?[:\s]+(\S+(?:\s+\d+)*)/gi;

export interface Sanitized {
  text: string;
  removed: SensitiveKind[];
}

/**
 * Cuts what must not be kept out of one caller turn.
 * @example sanitizeCallerText('my card is 4111 1111 1111 1111').text // 'my card is [removed]'
 */
export function sanitizeCallerText(text: string): Sanitized {
  const cuts: { start: number; end: number; kind: SensitiveKind }[] = [];
  const cardContext = CARD_CONTEXT.test(text);
  const ssnContext = SSN_CONTEXT.test(text);
  const bankContext = BANK_CONTEXT.test(text);
  for (const m of text.matchAll(DIGIT_RUN)) {
    const digits = m[0].replace(/[a-z]+/gi, (w) => WORD_VALUE[w.toLowerCase()] ?? '').replace(/\D/g, '');
    const span = { start: m.index, end: m.index + m[0].length };
    if (digits.length >= 13 && digits.length <= 19 && validator.isCreditCard(digits)) cuts.push({ ...span, kind: 'card' });
    else if (cardContext && digits.length >= 3 && digits.length <= 19 && !looksLikePhone(digits)) cuts.push({ ...span, kind: 'card' });
    else if (digits.length === 9 && (ssnContext || /^\d{3}-\d{2}-\d{4}$/.test(m[0].trim())) && validSsn(digits)) cuts.push({ ...span, kind: 'ssn' });
    else if (bankContext && digits.length >= 4 && !looksLikePhone(digits)) cuts.push({ ...span, kind: 'bank' });
  }
  for (const m of /born|birth|d ?o ?b\b/i.test(text) ? text.matchAll(DOB_CUE) : []) {
    const start = m.index + m[0].length;
    const date = DOB_DATE.exec(text.slice(start));
    // a bare "the"/"of" is no date; a date needs a digit, a month or a number word
    if (date && !/^(?:the|of|[\s,])+$/i.test(date[0])) cuts.push({ start, end: start + date[0].length, kind: 'date_of_birth' });
  }
  for (const m of /licen|passport|\bid\b|identif|medica|insurance|tax|itin|ein/i.test(text) ? text.matchAll(IDENTITY) : []) {
    const start = m.index + m[0].lastIndexOf(m[1]);
    cuts.push({ start, end: start + m[1].length, kind: 'identity' });
  }
  for (const m of /pass|pin|login/i.test(text) ? text.matchAll(SECRET) : []) {
    const start = m.index + m[0].lastIndexOf(m[1]);
    cuts.push({ start, end: start + m[1].length, kind: 'password' });
  }
  if (cuts.length === 0) return { text, removed: [] };
  cuts.sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const cut of cuts) {
    if (cut.start < at) continue;
    out += text.slice(at, cut.start) + REMOVED;
    at = cut.end;
  }
  return { text: out + text.slice(at), removed: [...new Set(cuts.map((c) => c.kind))] };
}

/** A 10- or 11-digit North American number is a callback number, not a card or account. */
function looksLikePhone(digits: string): boolean {
  return digits.length === 10 || (digits.length === 11 && digits.startsWith('1'));
}

/** SSA rules: no 000/666/9xx area, no 00 group, no 0000 serial. */
function validSsn(d: string): boolean {
  const area = d.slice(0, 3);
  return area !== '000' && area !== '666' && area[0] !== '9' && d.slice(3, 5) !== '00' && d.slice(5) !== '0000';
}
