/**
 * The longest run of literal characters that every match of a merchant regex must contain, or null
 * when none can be proven. Used as a prefilter: RE2 runs in WebAssembly and each call costs ~10 µs
 * (mostly copying the text across), while a JS search for a short literal costs well under 1 µs.
 *
 * Deliberately conservative: any top-level alternation gives up; groups and classes are skipped (they
 * end a run); a character with an optional quantifier (?, *, {…}) is dropped and ends the run; "+" keeps
 * the character and ends the run; only printable ASCII counts as literal; any escape other than
 * \d \D \w \W \s \S \b \B (which end a run) and escaped punctuation (a literal) gives up.
 */
export function requiredLiteral(source: string): string | null {
  const runs: string[] = [];
  let run = '';
  const end = () => {
    if (run) runs.push(run);
    run = '';
  };
  let depth = 0;
  for (let i = 0; i < source.length; ) {
    const c = source[i];
    if (c === '\\') {
      const e = source[i + 1];
      if (e === undefined) return null;
      if ('dDwWsSbB'.includes(e)) {
        end();
        i += 2;
        continue;
      }
      if (!/[!-/:-@[-`{-~]/.test(e)) return null; // \x41, \p{L}, \Q…, \1: not worth understanding
      if (depth === 0) i = literal(e, i + 2);
      else i += 2;
      continue;
    }
    if (c === '[') {
      // a class: skip to its closing bracket (a "]" right after "[" or "[^" is literal)
      let j = i + 1;
      if (source[j] === '^') j++;
      if (source[j] === ']') j++;
      while (j < source.length && source[j] !== ']') j += source[j] === '\\' ? 2 : 1;
      if (j >= source.length) return null;
      if (depth === 0) end();
      i = j + 1;
      continue;
    }
    if (c === '(') {
      if (depth === 0) end();
      depth++;
      i++;
      continue;
    }
    if (c === ')') {
      depth--;
      if (depth < 0) return null;
      i++;
      continue;
    }
    if (c === '|') {
      if (depth === 0) return null;
      i++;
      continue;
    }
    if (depth > 0) {
      i++;
      continue;
    }
    if (c === '?' || c === '*' || c === '+' || c === '{') {
      // a quantifier after a group or class: the run was already ended; skip it
      end();
      i = skipQuantifier(source, i);
      continue;
    }
    if (c === '.' || c === '^' || c === '$') {
      end();
      i++;
      continue;
    }
    i = literal(c, i + 1);
  }
  if (depth !== 0) return null;
  end();
  let best: string | null = null;
  for (const r of runs) if (r.length >= 2 && (best === null || r.length > best.length)) best = r;
  return best;

  /** Adds literal `ch` (its source ends at `next`), looking at the quantifier that may follow. */
  function literal(ch: string, next: number): number {
    const code = ch.charCodeAt(0);
    if (code < 0x20 || code > 0x7e) {
      end();
      return next;
    }
    const q = source[next];
    if (q === '?' || q === '*' || q === '{') {
      end();
      return skipQuantifier(source, next);
    }
    run += ch;
    if (q === '+') {
      end();
      return skipQuantifier(source, next);
    }
    return next;
  }
}

/** Index after a quantifier starting at `i` (?, *, +, {n}, {n,}, {n,m}, each maybe followed by a lazy "?"). */
function skipQuantifier(source: string, i: number): number {
  if (source[i] === '{') {
    const close = source.indexOf('}', i);
    i = close < 0 ? i + 1 : close + 1;
  } else i++;
  if (source[i] === '?') i++;
  return i;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); // the escapes the u flag allows

/**
 * A cheap test that must be true whenever the merchant regex (case-insensitive, Unicode) can match
 * `text`, or null when none can be built. Same flags as the RE2 matcher, so case folding agrees.
 */
export function literalPrefilter(source: string): RegExp | null {
  const lit = requiredLiteral(source);
  return lit === null ? null : new RegExp(escape(lit), 'iu');
}
