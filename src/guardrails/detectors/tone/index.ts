import { allMatches } from '../../match/each.ts';
import type { GuardrailSettings } from '../../settings.ts';
import type { Finding } from '../../types.ts';
import { originalSpan, type MappedText } from '../../normalise/mapped.ts';
import { compileWords } from '../../match/words.ts';
import { INSULTS, PROFANITY, SLURS } from './lexicon.ts';
import { AGGRESSIVE, DISCRIMINATION, THREAT, compilePhrases } from './phrases.ts';
import { findAllCaps } from './caps.ts';

// Compiled once at module load: the lists are ours, not the merchant's.
const profanity = compileWords(PROFANITY);
const slurs = compileWords(SLURS);
const insults = compileWords(INSULTS);
const threat = compilePhrases(THREAT);
const discrimination = compilePhrases(DISCRIMINATION);
const aggressive = compilePhrases(AGGRESSIVE);

type ToneType = 'profanity' | 'threat' | 'discrimination' | 'all_caps' | 'aggressive';

export type ToneDetector = (original: string, words: MappedText) => Finding[];

function finding(type: ToneType, words: MappedText, start: number, end: number, original: string): Finding {
  const span = originalSpan(words, start, end);
  return { type, start: span.start, end: span.end, severity: 'hard', rule: `tone.${type}`, match: original.slice(span.start, span.end) };
}

function phraseFindings(type: ToneType, re: RegExp, original: string, words: MappedText): Finding[] {
  const out: Finding[] = [];
  for (const m of allMatches(re, words.text)) {
    if (m[0].length === 0) continue;
    out.push(finding(type, words, m.index, m.index + m[0].trimEnd().length, original));
  }
  return out;
}

/** The tone detectors switched on in the settings, as one function over the word-normalised text. */
export function compileTone(tone: GuardrailSettings['tone']): ToneDetector {
  const parts: ToneDetector[] = [];
  if (tone.profanity) {
    parts.push((o, w) => profanity.find(w.text).map((m) => finding('profanity', w, m.start, m.end, o)));
  }
  if (tone.threat) parts.push((o, w) => phraseFindings('threat', threat, o, w));
  if (tone.discrimination) {
    parts.push((o, w) => [
      ...slurs.find(w.text).map((m) => finding('discrimination', w, m.start, m.end, o)),
      ...phraseFindings('discrimination', discrimination, o, w),
    ]);
  }
  if (tone.aggressive) {
    parts.push((o, w) => [
      ...insults.find(w.text).map((m) => finding('aggressive', w, m.start, m.end, o)),
      ...phraseFindings('aggressive', aggressive, o, w),
    ]);
  }
  if (tone.allCaps) {
    parts.push((o) => {
      const span = findAllCaps(o);
      return span ? [{ type: 'all_caps', ...span, severity: 'hard', rule: 'tone.all_caps', match: o.slice(span.start, span.end) }] : [];
    });
  }
  return (original, words) => parts.flatMap((p) => p(original, words));
}
