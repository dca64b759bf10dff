import type { BlockedPattern } from '../settings.ts';
import type { Finding } from '../types.ts';
import { merchantRegex } from '../regex.ts';
import { literalPrefilter } from '../regex-literal.ts';
import { compileWords } from '../match/words.ts';
import { originalSpan, type MappedText } from '../normalise/mapped.ts';
import { normaliseForRegex } from '../normalise/steps.ts';

export type PatternDetector = (original: string, words: MappedText) => Finding[];

const SURROGATE = /[\uD800-\uDFFF]/;

/** re2-wasm reports indices in code points; findings are in UTF-16 units. */
function codePointToUtf16(text: string): (cp: number) => number {
  if (!SURROGATE.test(text)) return (cp) => cp;
  const table: number[] = [];
  for (let i = 0; i < text.length; ) {
    table.push(i);
    i += text.codePointAt(i)! > 0xffff ? 2 : 1;
  }
  table.push(text.length);
  return (cp) => table[cp];
}

/**
 * The merchant's blocked patterns, compiled once per settings object. Words and phrases go through the
 * evasion-tolerant word matcher (the same normalisation chain as the text); regular expressions run
 * under RE2 (linear time) on the normalised text, case-insensitively.
 */
export function compileBlockedPatterns(patterns: readonly BlockedPattern[]): PatternDetector {
  if (patterns.length === 0) return () => [];
  const wordPatterns = patterns.filter((p) => p.kind !== 'regex');
  const regexPatterns = patterns.filter((p) => p.kind === 'regex').map((p) => ({ pattern: p, re: merchantRegex(p.pattern, 'giu'), mustContain: literalPrefilter(p.pattern) }));
  const words = compileWords(wordPatterns.map((p) => p.pattern));

  const toFinding = (p: BlockedPattern, span: { start: number; end: number }, original: string): Finding => ({
    type: 'blocked_pattern',
    start: span.start,
    end: span.end,
    severity: 'hard',
    rule: `blocked.${p.id}`,
    category: p.category,
    match: original.slice(span.start, span.end),
  });

  return function blockedPatterns(original, normalised) {
    const out: Finding[] = [];
    for (const m of words.find(normalised.text)) out.push(toFinding(wordPatterns[m.term], originalSpan(normalised, m.start, m.end), original));
    if (regexPatterns.length) {
      // the words' text has its accents folded; a regex sees them (nothing to redo when nothing changed)
      const text = normalised.starts === null ? normalised : normaliseForRegex(original);
      let toUtf16: ((cp: number) => number) | null = null;
      for (const { pattern, re, mustContain } of regexPatterns) {
        // RE2 lives in WebAssembly (~10 µs a call): skip it when a literal every match needs is absent
        if (mustContain && !mustContain.test(text.text)) continue;
        toUtf16 ??= codePointToUtf16(text.text);
        re.lastIndex = 0;
        let m: ReturnType<typeof re.exec>;
        while ((m = re.exec(text.text)) !== null) {
          const start = toUtf16(m.index);
          const matched = m[0] ?? '';
          if (matched.length === 0) {
            re.lastIndex += 1;
            continue;
          }
          out.push(toFinding(pattern, originalSpan(text, start, start + matched.length), original));
        }
      }
    }
    return out;
  };
}
