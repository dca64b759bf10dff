import { allMatches } from '../../match/each.ts';
import type { PiiSpan } from './span.ts';
import type { TextFacts } from './facts.ts';

// (validator's isEmail was tried and cost more than everything else here together: the rules below are
// RFC 5321's shape and limits.)
// Plain addresses are found from each "@": the local part is read backwards, the domain forwards (a
// regex that tries every letter of the text as the start of a local part was the slowest detector).
const DOMAIN = /(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}(?![\w-]|\.[a-z0-9])/iy;

// Obfuscated addresses: "jane dot doe at gmail dot com", "jane(at)example(dot)com", "jane [at] example [dot] com".
const BRACKETED = (word: string) => `\\s*[([{<]\\s*${word}\\s*[)\\]}>]\\s*`;
const AT = `(?:${BRACKETED('at')}|\\s+at\\s+|\\s*@\\s*)`;
const DOT = `(?:${BRACKETED('dot')}|\\s+dot\\s+|\\.)`;
const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const LOCAL = `[a-z0-9][a-z0-9_%+-]*(?:${DOT}[a-z0-9_%+-]+){0,4}`;
// Sticky: tried only at the word starts just before an "at"/"@" (a global scan was 50× slower).
const OBFUSCATED = new RegExp(`${LOCAL}${AT}${LABEL}(?:${DOT}${LABEL}){1,4}(?![\\w@]|\\.[a-z0-9])`, 'iy');
const AT_MARK = /@|\bat\b/gi;
const isAlnum = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
/** [a-z0-9_%+-], case-insensitive: what a local part may end on. */
const isLocalEnd = (c: number) => isAlnum(c) || c === 95 || c === 37 || c === 43 || c === 45;
/** [a-z0-9._%+'-], case-insensitive: a character of a plain local part. */
const isLocalChar = (c: number) => isLocalEnd(c) || c === 46 || c === 39;
// a local part does not start right after a word character, ".", "@" or "'"
const continuesLocal = (c: number) => isAlnum(c) || c === 95 || c === 46 || c === 64 || c === 39;
const FILE_EXTENSION = /\.(?:png|jpe?g|gif|svg|webp|bmp|pdf|docx?|xlsx?|csv|txt|mp4|mov|heic)$/i;
const SPOKEN_MARK = /[([{<]\s*(?:at|dot)\s*[)\]}>]|\sdot\s/i;
const FREE_MAIL = /@(?:gmail|googlemail|yahoo|hotmail|outlook|live|msn|icloud|me|aol|proton|protonmail|gmx|mail|yandex|zoho)\./;

const AT_ONCE = new RegExp(AT, 'i');
const EVERY_DOT = new RegExp(DOT, 'gi');

function canonical(raw: string): string {
  return raw.replace(AT_ONCE, '@').replace(EVERY_DOT, '.').toLowerCase();
}

/** The written-out address, rewritten with "@" and ".", must be a plain address from end to end. */
function isPlainAddress(address: string): boolean {
  const at = address.indexOf('@');
  const span = at > 0 ? plainAddressAt(address, at) : null;
  return span !== null && span.start === 0 && span.end === address.length;
}

/** The plain address around the "@" at `at`, if there is one (RFC 5321 limits: local part ≤ 64, total ≤ 254). */
function plainAddressAt(text: string, at: number): { start: number; end: number } | null {
  let start = at;
  while (start > 0 && isLocalChar(text.charCodeAt(start - 1))) {
    start -= 1;
    if (at - start > 64) return null;
  }
  while (start < at && !isAlnum(text.charCodeAt(start))) start += 1; // "(jane@…": the bracket is not the address
  if (start === at || !isLocalEnd(text.charCodeAt(at - 1))) return null;
  DOMAIN.lastIndex = at + 1;
  const domain = DOMAIN.exec(text);
  if (!domain) return null;
  const end = at + 1 + domain[0].length;
  if (end - start > 254 || FILE_EXTENSION.test(domain[0])) return null; // "report@2x.png" is a file name
  return { start, end };
}

// A cheap gate before the spelled-out search, in one pass: a spelled "dot", a bracketed at/dot, an "@"
// with a space beside it, or " at " + a free-mail domain. (Its branches begin with literals: a regex
// that begins with \s is slow in V8, the whitespace class being tested at every position.)
const SPELLED_OUT = / dot |[([{<] *(?:at|dot) *[)\]}>]|[ \t]@|@[ \t]| at +(?:gmail|googlemail|yahoo|hotmail|outlook|live|msn|icloud|me|aol|proton|protonmail|gmx|mail|yandex|zoho)\./i;

function mightBeSpelledOut(text: string): boolean {
  return SPELLED_OUT.test(text);
}

/**
 * Whether OBFUSCATED can match from the word at `start`: after the word must come a dot or an at, in
 * one of their forms (".", "@", a bracket, or whitespace and then "@", a bracket, "dot" or "at").
 * Most word starts before an "at" are ordinary words ("Could you confirm that…"); ruling them out here
 * spares a regex run per word.
 */
function mayBeginLocal(text: string, start: number): boolean {
  let i = start + 1;
  while (isLocalEnd(text.charCodeAt(i))) i++; // [a-z0-9_%+-]: a token of an obfuscated local part
  let c = text.charCodeAt(i);
  if (c === 46 || c === 64 || isBracket(c)) return true;
  if (!isSpace(c)) return false;
  while (isSpace((c = text.charCodeAt(++i))));
  if (c === 64 || isBracket(c)) return true;
  const lower = c | 32;
  return lower === 97 || lower === 100; // "at", "dot"
}

const isBracket = (c: number) => c === 40 || c === 91 || c === 123 || c === 60; // ( [ { <
const WHITESPACE = /\s/;
/** `\s`, as the regexes read it. */
const isSpace = (c: number) => c === 32 || (c >= 9 && c <= 13) || (c > 127 && WHITESPACE.test(String.fromCharCode(c)));

/** A spelled-out address whose "at" is at `mark`: tried from the farthest word start (the longest local part). */
function spelledOutAround(text: string, mark: number): RegExpExecArray | null {
  for (let start = Math.max(0, mark - 120); start < mark; start++) {
    if (!isAlnum(text.charCodeAt(start)) || (start > 0 && continuesLocal(text.charCodeAt(start - 1)))) continue; // not a word start
    if (!mayBeginLocal(text, start)) continue;
    OBFUSCATED.lastIndex = start;
    const m = OBFUSCATED.exec(text);
    if (m && start + m[0].length > mark) return m;
  }
  return null;
}

/** E-mail addresses, plain or spelled out. */
export function findEmails(text: string, facts: TextFacts): PiiSpan[] {
  const out: PiiSpan[] = [];
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    const span = plainAddressAt(text, at);
    if (span) out.push({ type: 'email', start: span.start, end: span.end, value: text.slice(span.start, span.end).toLowerCase() });
  }
  if (!(facts.at || facts.bracket || facts.spelled) || !mightBeSpelledOut(text)) return out;
  for (const mark of allMatches(AT_MARK, text)) {
    // an address around a mark inside one already found would overlap it: not looked for
    if (out.some((o) => o.start <= mark.index && mark.index < o.end)) continue;
    const m = spelledOutAround(text, mark.index);
    if (!m || out.some((o) => o.start < m.index + m[0].length && m.index < o.end)) continue;
    const raw = m[0];
    if (!SPOKEN_MARK.test(raw) && !/\s@|@\s|\sat\s/i.test(raw)) continue; // a plain address: handled above
    const value = canonical(raw);
    // "find us at store.example.com" is a web address, not an e-mail: a bare " at " needs "dot" spelled
    // out somewhere, or a free-mail domain ("jane at gmail.com").
    if (!SPOKEN_MARK.test(raw) && !FREE_MAIL.test(value)) continue;
    if (!isPlainAddress(value)) continue;
    if (out.some((o) => o.start < m.index + raw.length && m.index < o.end)) continue;
    out.push({ type: 'email', start: m.index, end: m.index + raw.length, value });
  }
  return out;
}
