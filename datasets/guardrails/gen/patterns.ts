import { compose, fill, type Rng, type Sample } from './build.ts';

// Blocked patterns of datasets/guardrails/settings.json, written plainly and with evasions, and the
// look-alikes that must not match (whole words only).

const TEMPLATES = [
  'Honestly, {X} has it cheaper this week.',
  'Hi {name}, you could also try {X} for that model.',
  'We price-match {X} on most items.',
  'Between us, {X} is where we get the spare parts.',
  'Have you checked {X}?',
];

const HOMOGLYPH: Record<string, string> = { a: 'а', e: 'е', o: 'о', c: 'с', i: 'і', p: 'р' };

const EVADE: ((w: string) => string)[] = [
  (w) => w,
  (w) => w.toUpperCase(),
  (w) => w.replace(/\b\w/g, (c) => c.toUpperCase()),
  (w) => [...w.replace(/ /g, '')].join(' '),
  (w) => [...w.replace(/ /g, '')].join('.'),
  (w) => w.replace(/a/g, '@').replace(/o/g, '0').replace(/i/g, '1'),
  (w) => [...w].map((c) => HOMOGLYPH[c] ?? c).join(''),
  (w) => `${w.slice(0, 3)}\u200b${w.slice(3)}`,
  (w) => [...w].map((c) => (c === ' ' ? '\u3000' : String.fromCodePoint(c.codePointAt(0)! - 0x61 + 0xff41))).join(''),
  (w) => w.replace(/ /g, '-'),
];

const WORDS = ['rivalmart', 'acme', 'guaranteed approval', 'project falcon'];
const REGEX_HITS = (r: Rng) => `INT-${r.digits(4)}`;

const NEAR_MISSES = [
  'Our academy course covers the basics.', 'The rival team won the cup.', 'The mart on Main Street closed.',
  'Acne cream is in aisle four.', 'She reached the acme of her career.'.replace('acme', 'peak'),
  'The arrival date is Monday.', 'We guaranteed delivery and got approval from the courier.', 'Approval is guaranteed only for store credit.',
  'The falcon figurine ships with the project kit.', 'Ticket INT-12 is too short to be internal.', 'See point 2 of the terms (INT-12345 is not ours).',
  'Walmart and Target both sell the cable.', 'Our Acmeville store is closed.'.replace('Acmeville', 'Springfield'), 'The lacquer dries in an hour.',
];

export function patternSamples(r: Rng): Sample[] {
  const out: Sample[] = [];
  for (let i = 0; i < 160; i++) {
    const word = r.pick(WORDS);
    const text = word === 'acme' || word === 'rivalmart' || r.next() < 0.7 ? r.pick(EVADE)(word) : word;
    out.push({ id: `pattern.hit-${i}`, group: 'pattern.hit', ...fill(r.pick(TEMPLATES), { type: 'blocked_pattern', text }, r) });
  }
  for (let i = 0; i < 40; i++) {
    out.push({ id: `pattern.regex-${i}`, group: 'pattern.hit', ...compose([`Hi, I linked ticket `, { type: 'blocked_pattern', text: REGEX_HITS(r) }, ' for the engineers.']) });
  }
  for (let c = 0; c < 5; c++) for (const [i, s] of NEAR_MISSES.entries()) out.push({ id: `pattern.miss-${c}-${i}`, group: 'pattern.miss', text: s, expect: [] });
  return out;
}

/** Required content: the refund-policy rule of settings.json applies to refund_request replies only. */
export function requiredSamples(r: Rng): Sample[] {
  const out: Sample[] = [];
  const replies = [
    'Your refund of $24.00 has been issued.', 'We have approved the refund for the damaged mug.',
    'The refund is on its way; it takes 3-5 business days.', 'I have refunded the shipping cost too.',
  ];
  for (let i = 0; i < 40; i++) {
    const reply = r.pick(replies);
    const mode = i % 4;
    if (mode === 0) out.push({ id: `required.missing-${i}`, group: 'required.missing', intent: 'refund_request', text: reply, expect: [{ type: 'missing_required', start: reply.length, end: reply.length }] });
    else if (mode === 1) out.push({ id: `required.present-${i}`, group: 'required.present', intent: 'refund_request', text: `${reply} Our Refund  Policy has the details.`, expect: [] });
    else if (mode === 2) out.push({ id: `required.other-intent-${i}`, group: 'required.other', intent: 'where_is_my_order', text: reply, expect: [] });
    else out.push({ id: `required.no-intent-${i}`, group: 'required.other', text: reply, expect: [] });
  }
  return out;
}
