import { allMatches } from '../../match/each.ts';
import validator from 'validator';
import { precededBy, type PiiSpan } from './span.ts';

const DOTTED = /\d\.\d/;
const COLONS = /[0-9a-f]:[0-9a-f:]/i;
const V4 = /(?<![\w.:])(?:\d{1,3}\.){3}\d{1,3}(?![\w]|\.\d)/g;
const V6 = /(?<![\w:.])(?:[0-9a-f]{0,4}:){2,7}(?:(?:\d{1,3}\.){3}\d{1,3}|[0-9a-f]{1,4})?(?![\w:]|\.\w)/gi;
// "version 1.2.3.4", "v1.2.3.4", "build 10.0.19041.1": a dotted quad after these words is a version.
const VERSION = /(?:\bv|\bver\.?|version|build|release|firmware|update|upgrade|patch|sdk|app|ios|android|windows|macos|os|driver|rev(?:ision)?)\s*[:#]?\s*$/i;

/** IPv4 and IPv6 addresses (compressed forms and IPv4-mapped too), valid by validator's isIP. */
export function findIps(text: string): PiiSpan[] {
  const out: PiiSpan[] = [];
  if (DOTTED.test(text)) {
    for (const m of allMatches(V4, text)) {
      if (validator.isIP(m[0], 4) && !precededBy(text, m.index, VERSION, 20)) out.push({ type: 'ip_address', start: m.index, end: m.index + m[0].length, value: m[0] });
    }
  }
  if (text.includes(':') && COLONS.test(text)) {
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
