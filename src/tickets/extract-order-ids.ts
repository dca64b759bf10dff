/**
 * Deterministic order-number extraction from a ticket's own subject and body.
 *
 * The entity gate compares what a model proposes with these ids, so this must not depend on
 * the model and must not be fooled by the other numbers a customer writes: prices ($34.00),
 * dates (03/12/2026, 2026-03-20), phone numbers (555-123-4567), ZIP codes (90210) and
 * tracking numbers (1Z999AA10123456784) are never order ids unless the customer labels them so.
 *
 * An id counts when it is
 *   - written after a `#` ("#1042", "#A-1042"), except after words that name something
 *     else ("ticket #", "case #", "invoice #", "item #", "apt #", …), or
 *   - written after the word "order" with an optional label ("order 1042", "order no. 1042",
 *     "order number is 1042", "order id: 1042", "order #A-1042"), including a following list
 *     ("orders 1042 and 1043").
 *
 * Example: extractOrderIds('Broken mug', 'Order #1042 arrived broken, paid $34.00') → ['1042']
 */
export function extractOrderIds(subject: string, body: string): string[] {
  const seen = new Set<string>();
  for (const text of [subject, body]) {
    if (text) for (const id of idsIn(text)) seen.add(id);
  }
  return [...seen];
}

/** The id itself: 3–12 digits, optionally after a short letter prefix ("A-1042", "SO1042"). */
const ID = String.raw`(?:[A-Za-z]{1,4}-?)?\d{3,12}`;
/**
 * What must not follow an id: more of a word, a decimal or thousands part, a date or phone
 * continuation ("1042.50", "12/03", "555-1234"), or a quantity or currency ("order 150 units").
 */
const ID_END = String.raw`(?![\w])(?![.,/:-]\d)(?!\s*(?:units?|pieces?|pcs|items?|boxes|packs?|dollars?|usd|eur|gbp|cad|aud|bucks|%|\$|€|£))`;
/** Words that put a `#` in front of something that is not an order. */
const NOT_ORDER_WORDS = String.raw`ticket|case|request|item|invoice|tracking|apt|apartment|suite|ste|unit|room|line|sku|model|part|po|box|issue|ref|reference`;
/** "order", "orders", then an optional label and an optional "is"/"was"/":". */
const ORDER_LABEL = String.raw`\border(?:s)?(?:\s+(?:number|num|nr|no|n°|nº|id|ref|reference)\b\.?)?(?:\s*(?:is|was)\b)?\s*[:=]?\s*#?\s?`;

// `#` first, the look-behinds after it: the regex only does work where a `#` is.
const HASH_ID = new RegExp(String.raw`#(?<!\b(?:${NOT_ORDER_WORDS})\s{0,2}#)(?<![\w&]#)\s?(${ID})${ID_END}`, 'gi');
const LABELLED_ID = new RegExp(String.raw`${ORDER_LABEL}(${ID})${ID_END}`, 'gi');
const ORDER_WORD = /order/i;
/** ", 1043", " and #1043", " & 1044" right after a labelled id. */
const LIST_CONTINUATION = new RegExp(String.raw`\s*(?:,|and|&|or|\+)\s*#?\s?(${ID})${ID_END}`, 'iy');

function idsIn(text: string): string[] {
  const found: { at: number; id: string }[] = [];
  // cheap tests first: most text has neither a `#` nor the word "order"
  if (text.includes('#')) eachMatch(HASH_ID, text, (m) => found.push({ at: m.index, id: m[1] }));
  if (ORDER_WORD.test(text)) {
    eachMatch(LABELLED_ID, text, (m) => {
      const end = m.index + m[0].length;
      found.push({ at: end - m[1].length, id: m[1] });
      LIST_CONTINUATION.lastIndex = end;
      let next: RegExpExecArray | null;
      while ((next = LIST_CONTINUATION.exec(text))) found.push({ at: LIST_CONTINUATION.lastIndex - next[1].length, id: next[1] });
    });
  }
  if (found.length > 1) found.sort((a, b) => a.at - b.at);
  return found.map((f) => normaliseId(f.id));
}

/** exec() over a shared global regex (matchAll would clone the regex on every call). */
function eachMatch(re: RegExp, text: string, onMatch: (m: RegExpExecArray) => void): void {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const end = re.lastIndex;
    onMatch(m);
    re.lastIndex = end;
  }
}

/** "a-1042" and "A-1042" are one id; store ids with letters are compared upper-cased. */
function normaliseId(raw: string): string {
  return raw.toUpperCase();
}
