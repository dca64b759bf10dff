import { allMatches } from '../../match/each.ts';
import validator from 'validator';
import type { PiiSpan } from './span.ts';

// Plain addresses: a candidate regex, then validator's isEmail decides.
const PLAIN = /(?<![\w.+%'-])[a-z0-9](?:[a-z0-9._%+'-]{0,62}[a-z0-9_%+-])?@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}(?![\w-]|\.[a-z0-9])/gi;

// Obfuscated addresses: "jane dot doe at gmail dot com", "jane(at)example(dot)com", "jane [at] example [dot] com".
const BRACKETED = (word: string) => `\\s*[([{<]\\s*${word}\\s*[)\\]}>]\\s*`;
const AT = `(?:${BRACKETED('at')}|\\s+at\\s+|\\s*@\\s*)`;
const DOT = `(?:${BRACKETED('dot')}|\\s+dot\\s+|\\.)`;
const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const LOCAL = `[a-z0-9][a-z0-9_%+-]*(?:${DOT}[a-z0-9_%+-]+){0,4}`;
const OBFUSCATED = new RegExp(`(?<![\\w.@'])${LOCAL}${AT}${LABEL}(?:${DOT}${LABEL}){1,4}(?![\\w@]|\\.[a-z0-9])`, 'gi');
const FILE_EXTENSION = /\.(?:png|jpe?g|gif|svg|webp|bmp|pdf|docx?|xlsx?|csv|txt|mp4|mov|heic)$/i;
const SPOKEN_MARK = /[([{<]\s*(?:at|dot)\s*[)\]}>]|\sdot\s/i;
const FREE_MAIL = /@(?:gmail|googlemail|yahoo|hotmail|outlook|live|msn|icloud|me|aol|proton|protonmail|gmx|mail|yandex|zoho)\./;

function canonical(raw: string): string {
  return raw
    .replace(new RegExp(AT, 'i'), '@')
    .replace(new RegExp(DOT, 'gi'), '.')
    .toLowerCase();
}

/** E-mail addresses, plain or spelled out. */
export function findEmails(text: string): PiiSpan[] {
  const out: PiiSpan[] = [];
  const hasAt = text.includes('@');
  if (hasAt) {
    for (const m of allMatches(PLAIN, text)) {
      if (FILE_EXTENSION.test(m[0])) continue; // "report@2x.png" is a file name
    if (validator.isEmail(m[0], { allow_utf8_local_part: false })) out.push({ type: 'email', start: m.index, end: m.index + m[0].length, value: m[0].toLowerCase() });
    }
  }
  if (!/\bat\b|\(at\)|\[at\]|\bdot\b|\s@|@\s/i.test(text)) return out;
  for (const m of allMatches(OBFUSCATED, text)) {
    const raw = m[0];
    if (!SPOKEN_MARK.test(raw) && !/\s@|@\s|\sat\s/i.test(raw)) continue; // a plain address: handled above
    const value = canonical(raw);
    // "find us at store.example.com" is a web address, not an e-mail: a bare " at " needs "dot" spelled
    // out somewhere, or a free-mail domain ("jane at gmail.com").
    if (!SPOKEN_MARK.test(raw) && !FREE_MAIL.test(value)) continue;
    if (!validator.isEmail(value)) continue;
    if (out.some((o) => o.start < m.index + raw.length && m.index < o.end)) continue;
    out.push({ type: 'email', start: m.index, end: m.index + raw.length, value });
  }
  return out;
}
