// Shared helpers of the corpus generator: a seeded PRNG (so the corpus is reproducible) and a text
// builder that records where each labelled piece lands (UTF-16 offsets, as the findings report them).

export type ExpectType =
  | 'email' | 'phone' | 'credit_card' | 'ssn' | 'ip_address' | 'blocked_pattern'
  | 'profanity' | 'threat' | 'discrimination' | 'all_caps' | 'aggressive' | 'missing_required';

export interface Expected {
  type: ExpectType;
  start: number;
  end: number;
}

export interface Sample {
  id: string;
  /** what the sample exercises, for per-group reports ("pii.phone", "lookalike.tracking", "tone.clean", …) */
  group: string;
  text: string;
  kind?: 'reply' | 'call';
  intent?: string;
  expect: Expected[];
}

/** mulberry32: small, fast, good enough to vary templates reproducibly. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)],
    digits: (n: number) => Array.from({ length: n }, () => Math.floor(next() * 10)).join(''),
  };
}
export type Rng = ReturnType<typeof rng>;

export type Part = string | { type: ExpectType; text: string };

/** Concatenates parts; labelled parts become expected findings at their offsets. */
export function compose(parts: readonly Part[]): { text: string; expect: Expected[] } {
  let text = '';
  const expect: Expected[] = [];
  for (const p of parts) {
    if (typeof p === 'string') text += p;
    else {
      expect.push({ type: p.type, start: text.length, end: text.length + p.text.length });
      text += p.text;
    }
  }
  return { text, expect };
}

/** Fills a template "Hi {name}, … {X} …" whose single {X} slot takes the labelled (or plain) piece. */
export function fill(template: string, piece: Part, r: Rng): { text: string; expect: Expected[] } {
  const t = template.replace(/\{name\}/g, () => r.pick(NAMES));
  const [before, after] = t.split('{X}');
  return compose([before, piece, after ?? '']);
}

export const NAMES = ['Jane', 'Omar', 'Priya', 'Luis', 'Mei', 'Tom', 'Aisha', 'Noah', 'Sofia', 'Kwame', 'Elena', 'Sam'];

export function luhnDigit(partial: string): string {
  let sum = 0;
  for (let i = partial.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = partial.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}
