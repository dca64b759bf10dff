import { WORD_CHAIN } from '../normalise/steps.ts';
import { applyCharTransformers, identity } from '../normalise/mapped.ts';

/**
 * Whole-word, case-insensitive matching of a list of words and phrases that survives the usual evasions:
 * look-alike digits and symbols (sh1t, $hit, @cme), masked letters (f*ck, f**k), repeated letters
 * (shiiit), punctuation or spacing between letters (s.h.i.t, s h i t, r i v a l m a r t).
 * It runs on text normalised by WORD_CHAIN (NFKC, lower case, confusables, no invisible characters), and
 * the terms go through the same chain, so "ＡＣＭＥ", "аcme" (Cyrillic а) and "ac\u200Bme" read "acme".
 *
 * Whole words are what keeps innocent words safe: a match must start and end at a word boundary, so
 * "Scunthorpe", "cocktail", "Dickens", "shiitake" and "assess" never match the rude word inside them.
 */

// Leetspeak as letter classes (never a rewrite of the text: a digit can stand for two letters, and
// numbers must stay numbers for the PII detectors).
const LEET: Record<string, string> = {
  a: 'a4@', b: 'b8', e: 'e3', g: 'g9', i: 'i1!|', l: 'l1|', o: 'o0', s: 's5$', t: 't7+',
  '4': '4a', '@': '@a', '8': '8b', '3': '3e', '9': '9g', '1': '1il', '!': '!i', '|': '|il', '0': '0o',
  '5': '5s', '$': '$s', '7': '7t',
};
// Between two letters of a word: up to three spaces, punctuation marks or symbols (s.h.i.t, s - h - i - t,
// a+c+m+e, a•c•m•e, a*c*m*e).
const SEP = `[\\s\\p{P}\\p{S}]{0,3}`;
const WORD_CHAR = /[\p{L}\p{N}]/u;
const VOWEL = /^[aeiou4@3!|10]$/;

export interface WordTerm {
  /** the normalised term, words separated by one space */
  readonly text: string;
  readonly words: number;
}

export interface WordMatch {
  /** index of the term in the list given to compileWords (terms that normalise to nothing never match) */
  readonly term: number;
  /** span in the normalised text */
  readonly start: number;
  readonly end: number;
}

export interface WordMatcher {
  readonly terms: readonly WordTerm[];
  find(normalised: string): WordMatch[];
}

/** The normalised form of a term, by the same chain as the text it is matched against. */
export function normaliseTerm(term: string): WordTerm {
  const text = applyCharTransformers(identity(term), WORD_CHAIN).text.trim().replace(/\s+/g, ' ');
  return { text, words: text.split(' ').length };
}

const escape = (c: string) => c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

function charClass(c: string, masked: boolean): string {
  const members = (LEET[c] ?? c) + (masked ? '*' : '');
  return members.length === 1 ? escape(members) : `[${[...members].map(escape).join('')}]`;
}

// Between the words of a phrase: up to five non-word characters, or none ("RivalMart" is "rival mart").
const WORD_GAP = `[^\\p{L}\\p{N}]{0,5}`;

// Stretched vowels ("shiiit", "fuuuck") still read as the word; consonants are not stretched, or
// "asses" would read "assess" and "ass" would read "asss…".
const letterSource = (c: string, afterLetter: boolean) =>
  `${afterLetter ? SEP : ''}${charClass(c, afterLetter)}${VOWEL.test(c) ? '+' : ''}`;

function termSource(term: WordTerm): string {
  return term.text
    .split(' ')
    .map((word) => [...word].map((c, i) => letterSource(c, i > 0)).join(''))
    .join(WORD_GAP);
}

interface TrieNode {
  terminal: boolean;
  children: Map<string, TrieNode>;
}

/**
 * The terms as one regex shaped like a trie ("fuck", "fucked", "fucking" share "fuck"), so the engine
 * tries a handful of first letters at each word start instead of every term: several times faster
 * than a flat alternation. Longer continuations come before the end of a term, so the longest wins.
 */
function trieSource(terms: readonly WordTerm[]): string {
  const root: TrieNode = { terminal: false, children: new Map() };
  for (const t of terms) {
    let node = root;
    for (const c of t.text) {
      let next = node.children.get(c);
      if (!next) node.children.set(c, (next = { terminal: false, children: new Map() }));
      node = next;
    }
    node.terminal = true;
  }
  const walk = (node: TrieNode, afterLetter: boolean): string => {
    const alts = [...node.children].map(([c, child]) => (c === ' ' ? WORD_GAP + walk(child, false) : letterSource(c, afterLetter) + walk(child, true)));
    if (node.terminal) alts.push('');
    if (alts.length === 0) return '';
    return alts.length === 1 ? alts[0] : `(?:${alts.join('|')})`;
  };
  return walk(root, false);
}

/** Compiles the terms once into one regular expression (call it per settings object, not per text). */
export function compileWords(rawTerms: readonly string[]): WordMatcher {
  const terms = rawTerms.map(normaliseTerm);
  // longest first, so that a match is attributed to "fucking" rather than "fuck"
  const live = terms.map((t, i) => ({ t, i, re: new RegExp(`^${termSource(t)}$`, 'u') })).filter(({ t }) => t.text.length > 0).sort((a, b) => b.t.text.length - a.t.text.length);
  if (live.length === 0) return { terms, find: () => [] };
  // not preceded by a letter/digit (nor by letter + apostrophe: "it's hit"), not followed by one
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(?<![\\p{L}\\p{N}]')${trieSource(live.map((l) => l.t))}(?![\\p{L}\\p{N}])`, 'gu');
  return {
    terms,
    find(normalised: string): WordMatch[] {
      const out: WordMatch[] = [];
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(normalised)) !== null) {
        const matched = m[0];
        const owner = live.find((l) => l.re.test(matched));
        if (owner && plausible(matched, owner.t) && !insideSpelledRun(normalised, m.index, m.index + matched.length, matched)) {
          out.push({ term: owner.i, start: m.index, end: m.index + matched.length });
        } else {
          re.lastIndex = m.index + 1; // a rejected match may hide a shorter one starting later
        }
      }
      return out;
    },
  };
}

const LETTER = /\p{L}/u;
const SEPARATOR = /[\s\p{P}\p{S}]/u;
const isLetter = (c: string | undefined) => c !== undefined && LETTER.test(c);

/**
 * "b.a.s.t.a.r.d" spells out one word; "t.a.r.d" inside it is not a word of its own. A spelled-out match
 * must not continue a spelled-out run on either side (a single letter one separator away).
 */
function insideSpelledRun(text: string, start: number, end: number, matched: string): boolean {
  if (!/[\p{L}\p{N}$@!|*+][\s\p{P}\p{S}]/u.test(matched)) return false;
  // ("a" and "i" before a spelled-out word are the words a and I: "give a f u c k")
  const before = SEPARATOR.test(text[start - 1] ?? '') && isLetter(text[start - 2]) && !isLetter(text[start - 3]) && !/[ai]/.test(text[start - 2]);
  const after = SEPARATOR.test(text[end] ?? '') && isLetter(text[end + 1]) && !isLetter(text[end + 2]);
  return before || after;
}

/**
 * Rejects matches that only look like evasions: "a55" (one real letter and digits is a model number),
 * "$5 hit" (words of several letters glued together by spacing is not spelling one word out).
 */
function plausible(matched: string, term: WordTerm): boolean {
  let letters = 0;
  for (const c of matched) if (WORD_CHAR.test(c) && !/\p{N}/u.test(c)) letters += 1;
  if (letters < Math.min(2, term.text.length)) return false;
  if (!/\s/.test(matched)) return true;
  const chunks = matched.split(/\s+/).filter((c) => /[\p{L}\p{N}$@!|*+]/u.test(c));
  if (chunks.length === term.words) return true;
  // spelled out letter by letter: "s h i t", "r i v a l m a r t"
  // (separators dropped; a look-alike symbol such as $ or @ still counts as a letter)
  return chunks.every((c) => [...c.replace(/(?![$@!|*+])[\p{P}\p{S}]/gu, '')].length <= 1);
}
