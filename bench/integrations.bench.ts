// `npm run bench -- integrations`: the CPU work our integrations add per message, in the same run:
//   quote/signature stripping: ours (src/adapters/mail/reduce.ts) vs email-reply-parser, same corpus;
//   a whole inbound webhook payload to a ticket (parse, reduce, strip, id);
//   secrets: sealing (a fresh salt: one scrypt) vs opening (key cached per salt).
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { convert } from 'html-to-text';
import { emailBody } from '../src/adapters/mail/reduce.ts';
import { emailToTicket, parseInbound } from '../src/adapters/mail/inbound.ts';
import { decryptSecret, encryptSecret } from '../src/adapters/secrets/index.ts';
import { EMAIL_CORPUS, EMAIL_CORPUS_HELDOUT } from '../test/integrations/fixtures/email-corpus.ts';

const require = createRequire(import.meta.url);
const EmailReplyParser = require('email-reply-parser') as new () => { parseReply(text: string): string };

const corpus = [...EMAIL_CORPUS, ...EMAIL_CORPUS_HELDOUT];
const texts = corpus.map((e) => (e.text?.trim() ? e.text : convert(e.html ?? '', { wordwrap: false })));

function time(label: string, rounds: number, perRound: number, fn: () => void): number {
  for (let i = 0; i < Math.min(rounds, 20); i++) fn(); // warm up
  const start = performance.now();
  for (let i = 0; i < rounds; i++) fn();
  const perItemUs = ((performance.now() - start) * 1000) / (rounds * perRound);
  console.log(`${label.padEnd(52)} ${perItemUs.toFixed(1).padStart(9)} µs/item`);
  return perItemUs;
}

console.log(`corpus: ${corpus.length} e-mails; figures are noisy on a shared machine\n`);
// Same input for both: plain text (the HTML e-mails reduced once, outside the timing).
const ours = time('strip, ours (text part)', 200, texts.length, () => {
  for (const text of texts) emailBody({ text, html: '' });
});
const peer = time('strip, email-reply-parser (text part)', 200, texts.length, () => {
  for (const text of texts) new EmailReplyParser().parseReply(text);
});
console.log(`ratio: ours takes ${(ours / peer).toFixed(2)}× the time of email-reply-parser\n`);

const payloads = corpus.map((e, i) => ({ from: 'Jane <jane@example.com>', to: 'support@acme.test', subject: `Case ${i}`, text: e.text ?? '', html: e.html ?? '', 'Message-Id': `<m${i}@example.com>` }));
time('inbound payload → ticket (parse, HTML, strip, id)', 50, payloads.length, () => {
  for (const p of payloads) {
    const parsed = parseInbound(p);
    if (parsed.status === 'ticket') emailToTicket(parsed.email, 'support@acme.test', '2026-03-20T12:00:00Z');
  }
});

const SECRET = 'bench-secret-0123456789abcdef';
const sealed: string[] = [];
const sealUs = await (async () => {
  const start = performance.now();
  for (let i = 0; i < 10; i++) sealed.push(await encryptSecret(`shpat_${i}0123456789abcdef`, SECRET));
  return ((performance.now() - start) * 1000) / 10;
})();
console.log(`${'seal a credential (fresh salt: scrypt N=2^15)'.padEnd(52)} ${sealUs.toFixed(1).padStart(9)} µs/item`);
const openUs = await (async () => {
  const start = performance.now();
  for (let r = 0; r < 200; r++) for (const s of sealed) await decryptSecret(s, SECRET);
  return ((performance.now() - start) * 1000) / (200 * sealed.length);
})();
console.log(`${'open a credential (key cached per salt)'.padEnd(52)} ${openUs.toFixed(1).padStart(9)} µs/item`);
