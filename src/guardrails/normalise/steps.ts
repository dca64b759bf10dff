import { applyCharTransformers, identity, type CharTransformer, type MappedText } from './mapped.ts';
import { confusable } from './confusables.ts';

// The normalisation chain, as an ordered list of tiny transformers (obscenity's design). Each says why it is there.

/** Zero-width and invisible formatting characters are dropped: "ac\u200Bme" must still read "acme". */
export const dropInvisible: CharTransformer = (c) =>
  /^[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]$/.test(c) ? '' : undefined;

/** NFKC folds full-width (ａｃｍｅ), ligatures (ﬁ), mathematical and circled letters to plain ones. */
export const nfkc: CharTransformer = (c) => {
  const n = c.normalize('NFKC');
  return n === c ? undefined : n;
};

/** Case is never meaningful for matching (all-caps detection reads the original text). */
export const lowerCase: CharTransformer = (c) => {
  const l = c.toLowerCase();
  return l === c ? undefined : l;
};

/** Cyrillic/Greek homoglyphs read as the Latin letters they imitate. */
export { confusable };

const MARK = /\p{M}/u;
const MARKS = /\p{M}/gu;

/**
 * Accents are dropped ("Ácme", "acmé", "a\u0301cme" read "acme"): a diacritic on a letter is the
 * cheapest look-alike there is. A combining mark on its own is dropped too.
 */
export const foldDiacritics: CharTransformer = (c) => {
  if (c.charCodeAt(0) < 0xc0) return undefined; // nothing below À carries or is a mark
  const decomposed = c.normalize('NFD');
  return MARK.test(decomposed) ? decomposed.replace(MARKS, '').normalize('NFC') : undefined;
};

/** Curly quotes and dashes become their ASCII forms, so "that’s" matches "that's". */
export const asciiPunctuation: CharTransformer = (c) => {
  switch (c) {
    case '\u2018': case '\u2019': case '\u02bc': case '\u2032': return "'";
    case '\u201c': case '\u201d': return '"';
    case '\u2010': case '\u2011': case '\u2012': case '\u2013': case '\u2014': case '\u2212': return '-';
    case '\u00a0': case '\u2007': case '\u202f': return ' ';
    default: return undefined;
  }
};

/**
 * For words and tone: invisible characters out, NFKC, lower case, confusables, accents off, ASCII punctuation.
 * Leetspeak (sh1t, $hit) is NOT rewritten here: a digit can stand for two letters (1 → i or l) and
 * rewriting would destroy numbers, so it lives in the compiled matchers as letter classes instead.
 */
export const WORD_CHAIN: readonly CharTransformer[] = [dropInvisible, nfkc, lowerCase, confusable, foldDiacritics, asciiPunctuation];

/**
 * For merchant regular expressions: the word chain without accent folding, so that a pattern that
 * spells an accent ("café") still matches it.
 */
export const REGEX_CHAIN: readonly CharTransformer[] = WORD_CHAIN.filter((step) => step !== foldDiacritics);

/** For PII: only what changes how digits and addresses are written (full-width digits, invisible characters). */
export const PII_CHAIN: readonly CharTransformer[] = [dropInvisible, nfkc, asciiPunctuation];

/** Printable ASCII (and line breaks): nothing for the chain to change but case. */
function plain(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7e || (c < 0x20 && c !== 10 && c !== 13 && c !== 9)) return false;
  }
  return true;
}

/** Normalises a text for word matching; plain printable ASCII only needs lower-casing (same length, identity map). */
export function normaliseWords(text: string): MappedText {
  if (plain(text)) return identity(text.toLowerCase());
  return applyCharTransformers(identity(text), WORD_CHAIN);
}

/** Normalises a text for merchant regexes (as normaliseWords, accents kept). */
export function normaliseForRegex(text: string): MappedText {
  if (plain(text)) return identity(text.toLowerCase());
  return applyCharTransformers(identity(text), REGEX_CHAIN);
}

/** Normalises a text for PII detection (no leetspeak, no case folding, no spacing collapse). */
export function normalisePii(text: string): MappedText {
  if (plain(text) || keptByPiiChain(text)) return identity(text);
  return applyCharTransformers(identity(text), PII_CHAIN);
}

// Non-ASCII code points the PII chain leaves as they are (€, emoji, accented letters): the answer per
// code point is remembered, so a text whose only non-ASCII characters are such skips the chain (the
// chain allocates per character and cost ~5 µs on a short reply with a "€").
const keptByPii = new Map<number, boolean>();

/** True when no code point of `text` is changed by PII_CHAIN (as applyCharTransformers would judge it). */
function keptByPiiChain(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) <= 0x7e) continue;
    const code = text.codePointAt(i)!;
    let kept = keptByPii.get(code);
    if (kept === undefined) {
      const char = String.fromCodePoint(code);
      kept = applyCharTransformers(identity(char), PII_CHAIN).text === char;
      if (keptByPii.size < 4096) keptByPii.set(code, kept);
    }
    if (!kept) return false;
    if (code > 0xffff) i++;
  }
  return true;
}
