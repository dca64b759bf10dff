import { allMatches } from '../../match/each.ts';
import validator from 'validator';
import { precededBy, type PiiSpan } from './span.ts';

const DOTTED = /\d\.\d/;
const COLONS = /[0-9a-f]:[0-9a-f:]/i;
// The "not glued to a word, dot or colon" lookbehind is checked in code (notAfterAddressChar): a leading
// lookbehind kept V8 from skipping quickly to the digits, and cost 4x the rest of the scan.
const V4 = /(?:\d{1,3}\.){3}\d{1,3}(?![\w]|\.\d)/g;
const notAfterAddressChar = (text: string, i: number) => i === 0 || !/[\w.:]/.test(text[i - 1]);
const V6 = /(?<![\w:.])(?:[0-9a-f]{0,4}:){2,7}(?:(?:\d{1,3}\.){3}\d{1,3}|[0-9a-f]{1,4})?(?![\w:]|\.\w)/gi;
// "version 1.2.3.4", "v1.2.3.4", "build 10.0.19041.1": a dotted quad after these words is a version.
const VERSION = /(?:\bv|\bver\.?|version|build|release|firmware|update|upgrade|patch|sdk|app|ios|android|windows|macos|os|driver|rev(?:ision)?)\s*[:#]?\s*$/i;

/** IPv4 and IPv6 addresses (compressed forms and IPv4-mapped too), valid by validator's isIP. */
export function findIps(text: string): PiiSpan[] {
  const out: PiiSpan[] = [];
  if (DOTTED.test(text)) {
    V4.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = V4.exec(text)) !== null) {
      // same leftmost match as with the lookbehind in the regex: a refused start retries one further on
      if (!notAfterAddressChar(text, m.index)) {
        V4.lastIndex = m.index + 1;
        continue;
      }
      if (validator.isIP(m[0], 4) && !precededBy(text, m.index, VERSION, 20)) out.push({ type: 'ip_address', start: m.index, end: m.index + m[0].length, value: m[0] });
    }
  }
  const colon = text.indexOf(':');
  // an IPv6 address has at least two colons
  if (colon >= 0 && text.indexOf(':', colon + 1) > 0 && COLONS.test(text)) {
    for (const m of allMatches(V6, text)) {
      const c = m[0];
      // at least two written groups: "::1"-like fragments and "Note::" are not addresses worth redacting
      if (c.split(':').filter(Boolean).length < 2) continue;
      if (!c.includes('::') && c.split(':').length < 8 && !c.includes('.')) continue;
      if (validator.isIP(c, 6)) out.push({ type: 'ip_address', start: m.index, end: m.index + c.length, value: c.toLowerCase() });
    }
  }
  return out;
}
