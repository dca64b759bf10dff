// Text → sparse binary features for the intent classifier. Pure and deterministic.
// Word unigrams and bigrams carry the meaning; character 4-grams inside words survive typos
// ("refnud", "cancle"); placeholders keep numbers, money, links and e-mails as signals without
// letting the model memorise particular values.

/** Only the start of a ticket is read: intent lives there, and a 10 MB body must stay cheap. */
export const MAX_CHARS = 4000;

const URL = /\b(?:https?:\/\/|www\.)\S+/g;
const EMAIL = /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g;
const MONEY = /(?:[$€£]\s?\d[\d,.]*|\b\d[\d,.]*\s?(?:usd|eur|gbp|dollars?|euros?|bucks|quid)\b)/g;
const ORDER_REF = /#\s?\d+/g;
const DIGITS = /\d+(?:[.,:/-]\d+)*/g;

/** Lower-case, strip accents and apostrophes, and replace values with placeholder words. */
export function normalise(text: string): string {
  return text
    .slice(0, MAX_CHARS)
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(URL, ' zurl ')
    .replace(EMAIL, ' zemail ')
    .replace(MONEY, ' zmoney ')
    .replace(ORDER_REF, ' zordnum ')
    .replace(DIGITS, ' znum ')
    .replace(/['’`]/g, '')
    .replace(/(\p{L})\1{2,}/gu, '$1$1') // "pleeeease" → "pleease"
    .replace(/[^\p{L}\p{N}!?]+/gu, ' ')
    .replace(/([!?])/g, ' $1 ')
    .trim();
}

export function tokens(text: string): string[] {
  const norm = normalise(text);
  return norm ? norm.split(/\s+/) : [];
}

/** The distinct features of a text: `w:` words, `b:` word pairs, `c:` character 4-grams. */
export function featurize(text: string): string[] {
  const toks = tokens(text);
  const out = new Set<string>();
  for (let i = 0; i < toks.length; i++) {
    const tok = toks[i];
    out.add(`w:${tok}`);
    if (i + 1 < toks.length) out.add(`b:${tok} ${toks[i + 1]}`);
    if (tok.length >= 4 && !tok.startsWith('z')) {
      const padded = `^${tok}$`;
      for (let j = 0; j + 4 <= padded.length; j++) out.add(`c:${padded.slice(j, j + 4)}`);
    }
  }
  return [...out];
}

/** Subject and body read as one text; the subject first, as a person reads it. */
export function ticketText(subject: string | null | undefined, body: string): string {
  return `${subject ?? ''}\n${body.slice(0, MAX_CHARS)}`;
}
