// Shared mechanics for the ticket generators: a seeded random source, slot filling, and noise
// (typos, casing). No phrases live here: the training and test banks are separate files that
// share nothing but these mechanics.

export type Rng = () => number;

/** mulberry32: a tiny seeded generator, so every generated set is reproducible. */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
export const chance = (r: Rng, p: number) => r() < p;
export const int = (r: Rng, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

/** Replace `{slot}` markers with values from `slots` (functions are called per use). */
export function fill(template: string, slots: Record<string, (r: Rng) => string>, r: Rng): string {
  return template.replace(/\{(\w+)\}/g, (m, key: string) => (slots[key] ? slots[key](r) : m));
}

const KEYBOARD_NEIGHBOURS: Record<string, string> = {
  a: 's', s: 'ad', d: 'sf', e: 'wr', r: 'et', t: 'ry', i: 'uo', o: 'ip', n: 'bm', m: 'n', u: 'yi', l: 'k', c: 'v', h: 'gj',
};

/** One typo in a word: a swap, a dropped or doubled letter, or a neighbouring key. */
function typoWord(r: Rng, w: string): string {
  if (w.length < 4 || /\d|[{}#@]/.test(w)) return w;
  const i = int(r, 1, w.length - 2);
  switch (int(r, 0, 3)) {
    case 0: return w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2);
    case 1: return w.slice(0, i) + w.slice(i + 1);
    case 2: return w.slice(0, i) + w[i] + w.slice(i);
    default: {
      const n = KEYBOARD_NEIGHBOURS[w[i].toLowerCase()];
      return n ? w.slice(0, i) + pick(r, n.split('')) + w.slice(i + 1) : w;
    }
  }
}

/** Typos in about `rate` of the words; sometimes all lower-case or all caps, as people write. */
export function noisy(r: Rng, text: string, rate: number): string {
  let out = text.replace(/[A-Za-z]{4,}/g, (w) => (r() < rate ? typoWord(r, w) : w));
  const style = r();
  if (style < 0.12) out = out.toLowerCase();
  else if (style < 0.16) out = out.toLowerCase().replace(/[.,]/g, '');
  else if (style < 0.18) out = out.toUpperCase();
  return out;
}

export interface LabelledTicket {
  id: string;
  intent: string;
  subject: string;
  body: string;
  /** which template made it; examples of one template stay in one fold */
  template: string;
  tags?: string[];
}

export function toJsonl(rows: LabelledTicket[]): string {
  return rows.map((row) => JSON.stringify(row)).join('\n') + '\n';
}
