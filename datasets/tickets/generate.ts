// Generates the labelled ticket sets: `node bin/run-ts.js datasets/tickets/generate.ts`.
// train.jsonl comes from train-banks.ts (seed 1), test.jsonl from test-banks.ts (seed 2) plus the
// hand-written test tickets; the two sets share no phrase bank, only the mechanics in common.ts.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { chance, fill, noisy, pick, rng, toJsonl, type LabelledTicket, type Rng } from './gen/common.ts';
import * as trainBanks from './gen/train-banks.ts';
import * as testBanks from './gen/test-banks.ts';
import { HANDWRITTEN_TEST } from './gen/test-handwritten.ts';
import { HANDWRITTEN_TRAIN } from './gen/train-handwritten.ts';

interface Banks {
  slots: Record<string, (r: Rng) => string>;
  nameSlots: Record<string, (r: Rng) => string>;
  GREETINGS: string[];
  SIGNOFFS: string[];
  PREAMBLES: string[];
  BANKS: Record<string, { subjects: string[]; cores: string[]; extras: string[] }>;
}

const ORDER_INTENTS = new Set(['order_status', 'refund_request', 'cancel_order', 'exchange_request']);

function compose(banks: Banks, r: Rng, intent: string, core: string): { subject: string; body: string } {
  const bank = banks.BANKS[intent];
  const slots = { ...banks.slots, ...banks.nameSlots };
  const f = (t: string) => fill(t, slots, r);
  const parts: string[] = [];
  const greeting = pick(r, banks.GREETINGS);
  if (intent !== 'spam' || chance(r, 0.5)) if (greeting && chance(r, 0.75)) parts.push(f(greeting));
  const sentences: string[] = [];
  if (ORDER_INTENTS.has(intent) && chance(r, 0.3)) sentences.push(f(pick(r, banks.PREAMBLES)));
  sentences.push(f(core));
  if (chance(r, 0.45)) sentences.push(f(pick(r, bank.extras)));
  parts.push(sentences.join(chance(r, 0.8) ? ' ' : '\n'));
  const signoff = pick(r, banks.SIGNOFFS);
  if (signoff && chance(r, 0.7)) parts.push(f(signoff));
  let body = parts.join(chance(r, 0.7) ? '\n\n' : '\n');
  if (chance(r, 0.4)) body = noisy(r, body, 0.04);
  const subject = chance(r, 0.85) ? f(pick(r, bank.subjects)) : '';
  return { subject, body };
}

function generate(banks: Banks, seed: number, perIntent: number, prefix: string): LabelledTicket[] {
  const r = rng(seed);
  const rows: LabelledTicket[] = [];
  for (const [intent, bank] of Object.entries(banks.BANKS)) {
    for (let i = 0; i < perIntent; i++) {
      const coreIndex = i % bank.cores.length; // every template used, evenly
      const { subject, body } = compose(banks, r, intent, bank.cores[coreIndex]);
      rows.push({ id: `${prefix}-${rows.length + 1}`, intent, subject, body, template: `${prefix}:${intent}:${coreIndex}` });
    }
  }
  return rows;
}

const here = dirname(fileURLToPath(import.meta.url));
const train = [
  ...generate(trainBanks, 1, 240, 'tr'),
  ...HANDWRITTEN_TRAIN.map((t, i) => ({ ...t, id: `trh-${i + 1}`, template: `trh:${i + 1}` })),
];
const test = [
  ...generate(testBanks, 2, 40, 'te'),
  ...HANDWRITTEN_TEST.map((t, i) => ({ ...t, id: `teh-${i + 1}`, template: `teh:${i + 1}` })),
];
writeFileSync(join(here, 'train.jsonl'), toJsonl(train));
writeFileSync(join(here, 'test.jsonl'), toJsonl(test));
console.log(`train.jsonl: ${train.length} tickets; test.jsonl: ${test.length} tickets`);
