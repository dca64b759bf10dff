import { allMatches } from '../../match/each.ts';
import type { GuardrailSettings } from '../../settings.ts';
import type { Finding } from '../../types.ts';
import { originalSpan, type MappedText } from '../../normalise/mapped.ts';
import { compileWords, type WordMatcher } from '../../match/words.ts';
import { INSULTS, PROFANITY, SLURS } from './lexicon.ts';
import { AGGRESSIVE, DISCRIMINATION, THREAT } from './phrases.ts';
import { findAllCaps } from './caps.ts';

type ToneType = 'profanity' | 'threat' | 'discrimination' | 'all_caps' | 'aggressive';

export type ToneDetector = (original: string, words: MappedText) => Finding[];

function finding(type: ToneType, words: MappedText, start: number, end: number, original: string): Finding {
  const span = originalSpan(words, start, end);
  return { type, start: span.start, end: span.end, severity: 'hard', rule: `tone.${type}`, match: original.slice(span.start, span.end) };
}

interface CompiledTone {
  /** every enabled word list in one matcher (one pass over the text), with the type of each term */
  words: WordMatcher | null;
  wordTypes: ToneType[];
  /** every enabled phrase list in one regex, one capturing group per type */
  phrases: RegExp | null;
  phraseTypes: ToneType[];
  allCaps: boolean;
}

// The lists are ours, so the compiled forms are shared by every settings object with the same switches.
const compiled = new Map<string, CompiledTone>();

function compileFor(tone: GuardrailSettings['tone']): CompiledTone {
  const key = `${tone.profanity}${tone.threat}${tone.discrimination}${tone.aggressive}${tone.allCaps}`;
  let c = compiled.get(key);
  if (c) return c;
  const wordLists: [ToneType, readonly string[]][] = [];
  if (tone.profanity) wordLists.push(['profanity', PROFANITY]);
  if (tone.discrimination) wordLists.push(['discrimination', SLURS]);
  if (tone.aggressive) wordLists.push(['aggressive', INSULTS]);
  const phraseLists: [ToneType, readonly string[]][] = [];
  if (tone.threat) phraseLists.push(['threat', THREAT]);
  if (tone.discrimination) phraseLists.push(['discrimination', DISCRIMINATION]);
  if (tone.aggressive) phraseLists.push(['aggressive', AGGRESSIVE]);
  c = {
    words: wordLists.length ? compileWords(wordLists.flatMap(([, list]) => list)) : null,
    wordTypes: wordLists.flatMap(([type, list]) => list.map(() => type)),
    phrases: phraseLists.length ? phraseRegex(phraseLists.map(([, list]) => list)) : null,
    phraseTypes: phraseLists.map(([type]) => type),
    allCaps: tone.allCaps,
  };
  compiled.set(key, c);
  return c;
}

/**
 * Every enabled phrase list in one regex, one capturing group per list. Every phrase starts with \b;
 * written once in front of the alternation, V8 tests the boundary once per position instead of once per
 * phrase (the phrase scan took half the time).
 */
export function phraseRegex(lists: readonly (readonly string[])[]): RegExp {
  const all = lists.flat();
  if (all.every((p) => p.startsWith('\\b'))) {
    return new RegExp(`\\b(?:${lists.map((list) => `(${list.map((p) => p.slice(2)).join('|')})`).join('|')})`, 'g');
  }
  return new RegExp(lists.map((list) => `(${list.join('|')})`).join('|'), 'g');
}

/** The tone checks switched on in the settings, as one function over the word-normalised text. */
export function compileTone(tone: GuardrailSettings['tone']): ToneDetector {
  const c = compileFor(tone);
  return function toneFindings(original, words) {
    const out: Finding[] = [];
    if (c.words) for (const m of c.words.find(words.text)) out.push(finding(c.wordTypes[m.term], words, m.start, m.end, original));
    if (c.phrases) {
      for (const m of allMatches(c.phrases, words.text)) {
        if (m[0].length === 0) continue;
        let group = 1;
        while (m[group] === undefined) group += 1;
        out.push(finding(c.phraseTypes[group - 1], words, m.index, m.index + m[0].trimEnd().length, original));
      }
    }
    if (c.allCaps) {
      const span = findAllCaps(original);
      if (span) out.push({ type: 'all_caps', ...span, severity: 'hard', rule: 'tone.all_caps', match: original.slice(span.start, span.end) });
    }
    return out;
  };
}
