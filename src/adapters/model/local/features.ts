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
    .replace(/[.!?\n]+/g, (m) => ` ${m.includes('?') ? '?' : m.includes('!') ? '!' : ''} || `) // sentence ends
    .replace(/[,;:()]+/g, ' | ') // clause boundaries: no word pair or negation crosses them
    .replace(/[^\p{L}\p{N}!?|]+/gu, ' ')
    .trim();
}

export function tokens(text: string): string[] {
  const norm = normalise(text);
  return norm ? norm.split(/\s+/) : [];
}

const NEGATIONS = new Set(['not', 'no', 'dont', 'never', 'doesnt', 'didnt', 'wont', 'cant', 'cannot', 'without', 'isnt', 'arent', 'wasnt', 'havent', 'hasnt', 'neither', 'nor']);
/** The words of a condition ("if it is lost, …") up to the end of its clause: a circumstance, not a request. */
const CONDITIONALS = new Set(['if', 'unless', 'otherwise']);
/** How many words after a negation read as negated ("don't cancel it" → `cancel` negated). */
const NEGATION_SCOPE = 3;

/** The distinct features: `w:` words, `n:` negated and `if:` conditional words, `b:` word pairs, `c:` character 4-grams. */
export function featurize(text: string): string[] {
  const toks = tokens(text);
  const out = new Set<string>();
  let negated = 0;
  let conditional = false;
  for (let i = 0; i < toks.length; i++) {
    const tok = toks[i];
    if (tok === '|' || tok === '||') {
      negated = 0;
      conditional = false;
      continue;
    }
    const isNegated = negated > 0;
    const plain = !isNegated && !conditional;
    out.add(isNegated ? `n:${tok}` : conditional ? `if:${tok}` : `w:${tok}`);
    negated = NEGATIONS.has(tok) ? NEGATION_SCOPE : Math.max(0, negated - 1);
    if (CONDITIONALS.has(tok)) conditional = true;
    const next = toks[i + 1];
    // a pair reads as negated/conditional when its second word is ("want a" stays, "a refund" after "don't" does not)
    if (next !== undefined && next !== '|' && next !== '||') out.add(`${negated > 0 ? 'nb' : conditional ? 'ib' : 'b'}:${tok} ${next}`);
    if (plain && tok.length >= 4 && !tok.startsWith('z')) {
      const padded = `^${tok}$`;
      for (let j = 0; j + 4 <= padded.length; j++) out.add(`c:${padded.slice(j, j + 4)}`);
    }
  }
  return [...out];
}

/** Where an e-mail client starts quoting the earlier thread. */
const QUOTE_START = /^(?:On .{0,200}wrote:|-{2,}\s*Original Message\s*-{2,}|From: .{0,200}\n(?:Sent|Date): )/im;

/** The customer's own new words: quoted earlier messages (our replies included) are dropped. */
export function stripQuoted(body: string): string {
  const head = body.slice(0, MAX_CHARS * 2);
  const cut = head.search(QUOTE_START);
  const own = (cut > 0 ? head.slice(0, cut) : head).split('\n').filter((line) => !line.trimStart().startsWith('>')).join('\n');
  return own.trim() ? own : head; // a message that is all quote: read it rather than nothing
}

/** Subject and body read as one text; the subject first, as a person reads it. */
export function ticketText(subject: string | null | undefined, body: string): string {
  return `${subject ?? ''}\n${stripQuoted(body).slice(0, MAX_CHARS)}`;
}
