// Sizes and colours: what a customer names in the text, and how a store's SKU encodes them
// ("TEE-BLK-M" → "TEE-BLK-L" when the customer asks for a large).

type Dimension = 'size' | 'colour';
interface Variant { dimension: Dimension; value: string }

/** Canonical size → the spellings a SKU may use for it. */
const SIZE_CODES: Record<string, string[]> = {
  XXS: ['XXS'], XS: ['XS'], S: ['S', 'SM', 'SMALL'], M: ['M', 'MD', 'MED', 'MEDIUM'], L: ['L', 'LG', 'LRG', 'LARGE'],
  XL: ['XL'], XXL: ['XXL', '2XL'], XXXL: ['XXXL', '3XL'],
};
const COLOUR_CODES: Record<string, string[]> = {
  black: ['BLK', 'BLACK', 'BK'], white: ['WHT', 'WHITE', 'WH'], red: ['RED', 'RD'], blue: ['BLU', 'BLUE', 'BL'],
  navy: ['NVY', 'NAVY', 'NV'], green: ['GRN', 'GREEN', 'GR'], grey: ['GRY', 'GREY', 'GRAY', 'GY'], pink: ['PNK', 'PINK', 'PK'],
  brown: ['BRN', 'BROWN'], beige: ['BGE', 'BEIGE'], yellow: ['YLW', 'YELLOW', 'YEL'], purple: ['PRP', 'PURPLE', 'PUR'],
  orange: ['ORG', 'ORANGE', 'ORN'], olive: ['OLV', 'OLIVE'], cream: ['CRM', 'CREAM'], tan: ['TAN'], silver: ['SLV', 'SILVER'], gold: ['GLD', 'GOLD'],
};

const SIZE_WORDS: [RegExp, string][] = [
  [/\b(?:xx|2x)[- ]?large\b/gi, 'XXL'], [/\b(?:extra|x)[- ]?large\b/gi, 'XL'], [/\b(?:extra|x)[- ]?small\b/gi, 'XS'],
  [/\blarge\b/gi, 'L'], [/\bmedium\b/gi, 'M'], [/\bsmall\b/gi, 'S'],
  [/\b(XXS|XS|XXL|2XL|XXXL|3XL|XL)\b/g, ''], // upper-case codes written on their own
  [/\bsize\s*:?\s*(xxs|xs|s|m|l|xl|xxl|2xl|3xl|\d{1,2}(?:\.5)?)\b/gi, ''],
  [/\b(?:an?|in|the)\s+(S|M|L)\b(?!')/g, ''],
];

function canonicalSize(raw: string): string {
  const up = raw.toUpperCase();
  if (/^\d/.test(up)) return up;
  for (const [size, codes] of Object.entries(SIZE_CODES)) if (codes.includes(up)) return size;
  return up;
}

/** Size words that describe the fit or a defect, not a size asked for ("too small", "a small crack"). */
const NOT_A_SIZE = /\b(?:(?:too|bit|quite|very|so|rather|runs?|running|fits?|came up|comes? up)\s+(?:small|large)|(?:small|large)\s+(?:crack|chip|hole|tear|stain|scratch|dent|mark|rip|issue|problem|amount|box|parcel|package|print))\b/gi;

/** Sizes and colours the text names, in order of appearance, canonical ("L", "black"). */
export function variantsInText(rawText: string): Variant[] {
  const text = rawText.slice(0, 20_000).replace(NOT_A_SIZE, (m) => ' '.repeat(m.length));
  const found: { at: number; v: Variant }[] = [];
  const taken: [number, number][] = [];
  const free = (a: number, b: number) => !taken.some(([x, y]) => a < y && x < b);
  for (const [re, fixed] of SIZE_WORDS) {
    for (const m of text.matchAll(re)) {
      const end = m.index + m[0].length;
      if (!free(m.index, end)) continue;
      taken.push([m.index, end]);
      found.push({ at: m.index, v: { dimension: 'size', value: fixed || canonicalSize(m[1]) } });
    }
  }
  const lower = text.toLowerCase();
  for (const colour of Object.keys(COLOUR_CODES)) {
    const words = colour === 'grey' ? ['grey', 'gray'] : [colour];
    for (const w of words) for (const m of lower.matchAll(new RegExp(`\\b${w}\\b`, 'g'))) found.push({ at: m.index, v: { dimension: 'colour', value: colour } });
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.v);
}

/** Numeric sizes (shoes) only in a plausible range, so "MUG-1" is not a size 1. */
const isShoeSize = (s: string) => /^\d{1,2}(?:\.5)?$/.test(s) && Number(s) >= 4 && Number(s) <= 15;
const isNumeric = (v: Variant) => /^\d/.test(v.value);

/** The variant a SKU token encodes, if any. */
function tokenVariant(token: string): Variant | null {
  const up = token.toUpperCase();
  for (const [size, codes] of Object.entries(SIZE_CODES)) if (codes.includes(up)) return { dimension: 'size', value: size };
  if (isShoeSize(up)) return { dimension: 'size', value: up };
  for (const [colour, codes] of Object.entries(COLOUR_CODES)) if (codes.includes(up)) return { dimension: 'colour', value: colour };
  return null;
}

/** Spell `value` the way the SKU spelled the token it replaces (BLK → WHT, BLACK → WHITE, M → L). */
function spellLike(token: string, v: Variant): string {
  if (v.dimension === 'size' && /^\d/.test(v.value)) return v.value;
  const table = v.dimension === 'size' ? SIZE_CODES : COLOUR_CODES;
  const codes = table[v.value] ?? [v.value.toUpperCase()];
  const up = token.toUpperCase();
  const style = Object.values(table).map((cs) => cs.indexOf(up)).find((i) => i >= 0) ?? 0;
  const code = codes[Math.min(style, codes.length - 1)];
  return token === token.toLowerCase() ? code.toLowerCase() : code;
}

export type VariantChoice =
  | { sku: string; /** what changes, for the reply: "size L", "black" */ change?: string }
  | { problem: 'no_variant_named' | 'ambiguous_variant' | 'sku_has_no_variant' };

/**
 * The SKU to exchange to: the item's SKU with the size or colour token swapped for the one the
 * customer asks for. Known SKUs (seen in the store's orders) are preferred when they match.
 */
export function exchangeSku(currentSku: string | null | undefined, text: string, knownSkus: ReadonlySet<string>): VariantChoice {
  if (!currentSku) return { problem: 'sku_has_no_variant' };
  const parts = currentSku.split(/([-_/])/);
  const slots = parts.map((p, i) => ({ i, v: tokenVariant(p) })).filter((s) => s.v) as { i: number; v: Variant }[];
  if (!slots.length) return { problem: 'sku_has_no_variant' };
  const wanted = new Map<string, Variant>();
  for (const v of variantsInText(text)) {
    const slot = slots.find((s) => s.v.dimension === v.dimension && isNumeric(s.v) === isNumeric(v));
    if (slot && slot.v.value !== v.value) wanted.set(`${v.dimension}:${v.value}`, v);
  }
  const byDimension = new Map<Dimension, Variant[]>();
  for (const v of wanted.values()) byDimension.set(v.dimension, [...(byDimension.get(v.dimension) ?? []), v]);
  if (!byDimension.size) return { problem: 'no_variant_named' };
  if ([...byDimension.values()].some((vs) => vs.length > 1)) return { problem: 'ambiguous_variant' };
  const next = parts.slice();
  for (const [dimension, [v]] of byDimension) {
    const slot = slots.find((s) => s.v.dimension === dimension && isNumeric(s.v) === isNumeric(v))!;
    next[slot.i] = spellLike(parts[slot.i], v);
  }
  const sku = next.join('');
  const known = [...knownSkus].find((k) => k.toUpperCase() === sku.toUpperCase());
  const change = [...byDimension.values()].map(([v]) => (v.dimension === 'size' ? `size ${v.value}` : v.value)).join(', ');
  return { sku: known ?? sku, change };
}
