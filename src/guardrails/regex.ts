import { checkSync } from 'recheck';
import { RE2 } from 're2-wasm';

/**
 * A merchant's regular expression, checked when settings are saved: it must compile under RE2
 * (linear-time matching, so no back-references or look-arounds) and recheck must not find
 * catastrophic backtracking (we also refuse it because the same pattern may reach other engines).
 * Returns the reason it is refused, or null when it is accepted.
 */
export function merchantRegexProblem(source: string): string | null {
  if (source.length === 0) return 'the regular expression is empty';
  if (source.length > 1000) return 'the regular expression is longer than 1000 characters';
  try {
    new RE2(source, 'iu');
  } catch (error) {
    return `invalid regular expression: ${(error as Error).message.replace(/^Invalid regular expression: /, '')}`;
  }
  const diagnostics = checkSync(source, 'i', { timeout: 2000 });
  if (diagnostics.status === 'vulnerable') {
    return `the regular expression can backtrack catastrophically (${diagnostics.complexity.type} time, e.g. on "${String(diagnostics.attack.pattern).slice(0, 60)}")`;
  }
  return null;
}

const compiled = new Map<string, RE2>();

/** A compiled, linear-time, case-insensitive matcher for an accepted merchant regex (cached). */
export function merchantRegex(source: string, flags = 'iu'): RE2 {
  const key = `${flags}/${source}`;
  let re = compiled.get(key);
  if (!re) {
    re = new RE2(source, flags);
    compiled.set(key, re);
  }
  return re;
}
