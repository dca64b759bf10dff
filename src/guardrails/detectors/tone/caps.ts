import { allMatches } from '../../match/each.ts';
/**
 * A reply written mostly in capitals reads as shouting. Acronyms (USPS, FAQ, SKU, OK) are short
 * capitalised words inside ordinary text, so the test is on the share of letters, not on any one word:
 * at least 3 capitalised words of 2+ letters, at least 12 capital letters in them, and 60 % of all
 * letters of the reply.
 */
const WORD = /\p{L}+/gu;
const UPPER = /^\p{Lu}+$/u;

export function findAllCaps(text: string): { start: number; end: number } | null {
  // cheap exit first: most replies have far fewer than 12 capital letters
  let upper = 0;
  for (let i = 0; i < text.length && upper < 12; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c > 127 && text[i] !== text[i].toLowerCase())) upper += 1;
  }
  if (upper < 12) return null;
  let letters = 0;
  let capsLetters = 0;
  let capsWords = 0;
  let first = -1;
  let last = -1;
  for (const m of allMatches(WORD, text)) {
    const w = m[0];
    letters += w.length;
    if (w.length >= 2 && UPPER.test(w)) {
      capsWords += 1;
      capsLetters += w.length;
      if (first < 0) first = m.index;
      last = m.index + w.length;
    }
  }
  if (capsWords < 3 || capsLetters < 12 || capsLetters < 0.6 * letters) return null;
  return { start: first, end: last };
}
