// `npm run bench -- guardrails`: our guardrails against the packages a user would pick instead, in the same
// run on the same labelled texts (datasets/guardrails): recall, precision, time per text, and our speed as
// a ratio to each.
//   PII:        ours (the PII scanner, and the whole guard()) vs redact-pii's bare regex patterns and
//               @openredaction/openredaction (names and addresses off: only the five types we share).
//   Toxicity:   ours (guard() with the tone checks) vs obscenity's English preset (profanity only).
import * as redactPii from 'redact-pii/lib/built-ins/simple-regexp-patterns.js';
import { OpenRedaction } from '@openredaction/openredaction';
import { RegExpMatcher, englishDataset, englishRecommendedTransformers } from 'obscenity';
import { corpusSettings, evaluate, loadCorpus } from '../datasets/guardrails/evaluate.ts';
import type { Sample } from '../datasets/guardrails/gen/build.ts';
import { guard } from '../src/guardrails/index.ts';
import { compilePii } from '../src/guardrails/detectors/pii/index.ts';
import { guardrailSettingsSchema } from '../src/guardrails/settings.ts';

type Span = { type: string; start: number; end: number };
type Detector = (text: string) => Span[];

const PII_TYPES = new Set(['email', 'phone', 'credit_card', 'ssn', 'ip_address']);
const corpus = loadCorpus();
const settings = corpusSettings();

// --- PII -------------------------------------------------------------------------------------------
const piiTexts: Sample[] = corpus
  .filter((s) => s.group.startsWith('pii.') || s.group.startsWith('lookalike.') || s.group === 'hard')
  .map((s) => ({ ...s, expect: s.expect.filter((e) => PII_TYPES.has(e.type)) }));

const ourScanner = compilePii(settings.pii);
const ours: Detector = (t) => ourScanner.scan(t);
const oursGuard: Detector = (t) => guard(t, settings).findings.filter((f) => PII_TYPES.has(f.type));

const REDACT_PII: [string, RegExp][] = [
  ['email', redactPii.emailAddress],
  ['phone', redactPii.phoneNumber],
  ['credit_card', redactPii.creditCardNumber],
  ['ssn', redactPii.usSocialSecurityNumber],
  ['ip_address', redactPii.ipAddress],
];
const redactPiiRegexes: Detector = (t) => {
  const out: Span[] = [];
  for (const [type, re] of REDACT_PII) for (const m of t.matchAll(re)) out.push({ type, start: m.index, end: m.index + m[0].length });
  return out;
};

// What redact-pii itself does with these patterns (SimpleRegexpRedactor: text.replace(pattern, label)):
// the timing uses this, its cheapest path; the scores use the spans of the same regexes.
const redactPiiReplace: Detector = (t) => {
  let out = t;
  for (const [type, re] of REDACT_PII) out = out.replace(re, type.toUpperCase());
  return out.length < 0 ? [] : [];
};

const OPENREDACTION_TYPES: Record<string, string> = {
  EMAIL: 'email', PHONE_US: 'phone', PHONE_UK: 'phone', PHONE_UK_MOBILE: 'phone', PHONE_INTERNATIONAL: 'phone',
  CREDIT_CARD: 'credit_card', SSN: 'ssn', IPV4: 'ip_address', IPV6: 'ip_address',
};
const shield = new OpenRedaction({ includeNames: false, includeAddresses: false });
const openRedaction: Detector = (t) =>
  shield.detect(t).detections.flatMap((d) => {
    const type = OPENREDACTION_TYPES[d.type];
    return type ? [{ type, start: d.position[0], end: d.position[1] }] : [];
  });

/**
 * Median CPU microseconds per text (process.cpuUsage: time this process spent computing, so other
 * processes on a shared machine do not inflate it as they do wall-clock time). The scanners also take
 * turns pass by pass (each pass is one run over every text) and each keeps its median pass.
 * The scanners are first warmed up the same way, in untimed turns through the same pass function
 * (about WARM_UP_MS of CPU each, at least one pass), so each is timed in its steady state: a warm-up on
 * the first 100 texts, all e-mails, left a JIT-compiled scanner's digit paths cold for the first timed
 * passes (a regex is compiled by its first use), and the compiling of the timing loop and the garbage
 * of a warm-up done scanner by scanner fell into the first timed pass, whoever ran it.
 */
function timeInTurns(detectors: readonly Detector[], texts: readonly Sample[], passes: readonly number[]): number[] {
  let warmUpUs = 0;
  do for (const detect of detectors) warmUpUs += pass(detect, texts) * texts.length;
  while (warmUpUs < WARM_UP_MS * 1000 * detectors.length);
  const samples: number[][] = detectors.map(() => []);
  const maxPasses = Math.max(...passes);
  for (let p = 0; p < maxPasses; p++) {
    detectors.forEach((detect, i) => {
      if (p < passes[i]) samples[i].push(pass(detect, texts));
    });
  }
  return samples.map((xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]);
}

const WARM_UP_MS = 150;

/** One run of `detect` over every text: CPU microseconds per text. */
function pass(detect: Detector, texts: readonly Sample[]): number {
  const start = process.cpuUsage();
  for (const s of texts) detect(s.text);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / texts.length;
}

function piiScore(detect: Detector) {
  const r = evaluate(piiTexts, (s) => detect(s.text).filter((f) => PII_TYPES.has(f.type)));
  const all = Object.entries(r.byType).filter(([t]) => PII_TYPES.has(t)).map(([, s]) => s);
  const sum = (k: 'expected' | 'found' | 'predicted' | 'correct') => all.reduce((n, s) => n + s[k], 0);
  return { recall: sum('found') / sum('expected'), precision: sum('predicted') ? sum('correct') / sum('predicted') : 1, byType: r.byType };
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`.padStart(8);
const us = (x: number) => `${x.toFixed(1)} µs`.padStart(11);

console.log(`PII: ${piiTexts.length} texts (${piiTexts.filter((s) => s.expect.length).length} with PII, the rest look-alikes)`);
const piiRows: [string, Detector, number, Detector?][] = [
  ['gatehouse (PII scanner)', ours, 21],
  ['gatehouse guard()', oursGuard, 21],
  ['redact-pii regexes', redactPiiRegexes, 21, redactPiiReplace],
  ['openredaction', openRedaction, 3],
];
// openredaction (~0.4 s a pass, and much garbage) is warmed up and timed after the others, on its own:
// taking turns with them, the collection of its garbage fell into the pass that came next (ours).
const timedAlone = (name: string) => name === 'openredaction';
const inTurns = piiRows.filter(([name]) => !timedAlone(name));
const turnTimes = timeInTurns(inTurns.map((r) => r[3] ?? r[1]), piiTexts, inTurns.map((r) => r[2]));
const piiTimes = piiRows.map((row) =>
  timedAlone(row[0]) ? timeInTurns([row[3] ?? row[1]], piiTexts, [row[2]])[0] : turnTimes[inTurns.indexOf(row)],
);
const piiResults = piiRows.map(([name, detect], i) => ({ name, ...piiScore(detect), time: piiTimes[i] }));
console.log(`${'scanner'.padEnd(26)} ${'recall'.padStart(8)} ${'precision'.padStart(9)} ${'time/text'.padStart(11)}  ours (scanner) is`);
for (const r of piiResults) {
  const ratio = r.time / piiResults[0].time;
  // near 1 the ratio gets two decimals and our time as a fraction of theirs (issue 4 asks for ≤ 1)
  const verdict = ratio >= 10 ? `${ratio.toFixed(1)}× faster` : ratio >= 1 ? `${ratio.toFixed(2)}× faster (${(1 / ratio).toFixed(2)}× its time)` : `${(1 / ratio).toFixed(2)}× slower`;
  console.log(`${r.name.padEnd(26)} ${pct(r.recall)} ${pct(r.precision).padStart(9)} ${us(r.time)}  ${r === piiResults[0] ? '' : verdict}`);
}
console.log('\nper type (recall / precision):');
console.log(`${''.padEnd(26)} ${[...PII_TYPES].map((t) => t.padStart(19)).join('')}`);
for (const r of piiResults) {
  console.log(`${r.name.padEnd(26)} ${[...PII_TYPES].map((t) => { const s = r.byType[t]; return s ? `${pct(s.recall)} / ${pct(s.precision)}`.padStart(19) : ''.padStart(19); }).join('')}`);
}

// --- Toxicity ----------------------------------------------------------------------------------------
const TOXIC_GROUPS = ['tone.profanity', 'tone.threat', 'tone.discrimination', 'tone.aggressive', 'tone.all_caps'];
const toxic = corpus.filter((s) => TOXIC_GROUPS.includes(s.group));
const clean = corpus.filter((s) => s.group === 'tone.clean' || s.group.startsWith('lookalike.') || s.group === 'pattern.miss' || s.group.startsWith('required.'));
const toneOnly = guardrailSettingsSchema.parse({ pii: { types: [] } });
const TONE = new Set(['profanity', 'threat', 'discrimination', 'all_caps', 'aggressive']);
const oursToxic = (t: string) => guard(t, toneOnly).findings.some((f) => TONE.has(f.type));
const obscenity = new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });
const obscenityToxic = (t: string) => obscenity.hasMatch(t);

console.log(`\nToxicity: ${toxic.length} toxic replies (${TOXIC_GROUPS.map((g) => `${toxic.filter((s) => s.group === g).length} ${g.slice(5)}`).join(', ')}), ${clean.length} clean texts`);
console.log(`${'checker'.padEnd(26)} ${'toxic caught'.padStart(12)} ${'profanity caught'.padStart(16)} ${'clean flagged'.padStart(13)} ${'time/text'.padStart(11)}`);
const toneRows: [string, (t: string) => boolean][] = [['gatehouse guard() tone', oursToxic], ['obscenity (English)', obscenityToxic]];
const toneTimes = timeInTurns(toneRows.map(([, isToxic]) => (t: string) => (isToxic(t), [])), [...toxic, ...clean], [15, 15]);
for (const [i, [name, isToxic]] of toneRows.entries()) {
  const caught = toxic.filter((s) => isToxic(s.text)).length / toxic.length;
  const profane = toxic.filter((s) => s.group === 'tone.profanity');
  const profCaught = profane.filter((s) => isToxic(s.text)).length / profane.length;
  const flagged = clean.filter((s) => isToxic(s.text));
  const time = toneTimes[i];
  console.log(`${name.padEnd(26)} ${pct(caught).padStart(12)} ${pct(profCaught).padStart(16)} ${`${flagged.length} (${pct(flagged.length / clean.length).trim()})`.padStart(13)} ${us(time)}`);
  if (flagged.length) console.log(`  e.g. flagged clean: ${flagged.slice(0, 3).map((s) => JSON.stringify(s.text)).join(', ')}`);
}
console.log(`ours is ${(toneTimes[1] / toneTimes[0]).toFixed(1)}× ${toneTimes[1] >= toneTimes[0] ? 'faster' : 'slower (ratio < 1)'} than obscenity per text (and checks threats, discrimination, caps and aggression too)`);
console.log('\nnote: times are CPU time of this process (median pass); on a shared machine compare the ratios.');
