// `npm run bench -- calls`: calls simulated per second on one core (target ≥ 2,000/s), the rules alone
// (hazards, call findings) in texts per second, and the voice webhook in-process (app.request).
// No package does call intake, so the ratio printed is against the target rather than a peer.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { parseBusinessConfig } from '../src/calls/config.ts';
import { simulateCall, type ResolvedCall } from '../src/calls/simulate.ts';
import { playSample } from '../src/calls/qa/run.ts';
import { buildSamples } from '../src/calls/qa/samples.ts';
import { detectHazards } from '../src/calls/hazards.ts';
import { detectCallFindings } from '../src/guardrails/detectors/call.ts';
import { defaultGuardrailSettings } from '../src/guardrails/settings.ts';
import { createVoiceWebhook } from '../src/calls/twilio/webhook.ts';
import { createMemoryStateStore } from '../src/calls/twilio/state-store.ts';

const TARGET = 2_000;
const file = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const config = parseBusinessConfig(JSON.parse(readFileSync(file('../examples/calls/business.json'), 'utf8')));

// The QA suite's sample calls (every category, hazard, hour edge, pushes, a card number), replayed as scripted calls.
const ctx = { config, guardrails: defaultGuardrailSettings };
const calls: ResolvedCall[] = buildSamples(config, '2026-02-20').map((sample) => {
  const played = playSample(ctx, sample);
  const turns = played.transcript.filter((t) => t.role === 'caller').map((t) => t.text);
  return { call: { id: sample.id, now: sample.now, callerNumber: sample.callerNumber, turns }, config, guardrails: defaultGuardrailSettings };
});
const turnsPerCall = calls.reduce((n, c) => n + c.call.turns.length, 0) / calls.length;

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/**
 * Work per second of this process's own CPU time (and of wall time): on a shared machine the CPU figure
 * is the one that answers "on one core"; the wall figure shows how busy the machine was.
 */
function rate(label: string, budgetMs: number, unit: string, work: () => number): number {
  for (let i = 0; i < 3; i += 1) work(); // warm up
  let done = 0;
  const start = performance.now();
  const cpuStart = cpuMs();
  while (performance.now() - start < budgetMs) done += work();
  const perCpuSecond = (done * 1000) / (cpuMs() - cpuStart);
  const perWallSecond = (done * 1000) / (performance.now() - start);
  console.log(`${label.padEnd(62)} ${fmt(perCpuSecond)} ${unit}/cpu-s ${fmt(perWallSecond)} ${unit}/wall-s`);
  return perCpuSecond;
}
const fmt = (n: number) => Math.round(n).toLocaleString('en-US').padStart(9);

console.log(`${calls.length} sample calls, ${turnsPerCall.toFixed(1)} caller turns each on average\n`);
// Headline: every line guarded afresh (speak.ts's memo of guard() results switched off; the guardrails'
// compiled settings are still reused, as they are for one business's settings in production).
const cold = rate('calls simulated (every line guarded afresh: no memoised results)', 3000, 'calls', () => {
  for (const c of calls) simulateCall(c, { memoiseGuard: false });
  return calls.length;
});
const warm = rate('calls simulated (settings reused: guard results memoised)', 3000, 'calls', () => {
  for (const c of calls) simulateCall(c);
  return calls.length;
});
const callerTexts = readFileSync(file('../datasets/calls/caller-utterances.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).text as string);
const assistantTexts = readFileSync(file('../datasets/calls/assistant-utterances.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).text as string);
rate('hazard rules on caller utterances', 1500, 'texts', () => {
  for (const t of callerTexts) detectHazards(t);
  return callerTexts.length;
});
rate('call-finding rules on assistant utterances', 1500, 'texts', () => {
  for (const t of assistantTexts) detectCallFindings(t);
  return assistantTexts.length;
});

// The webhook in-process: one greeting request and one speech turn per call (no signature, memory store).
const webhook = new Hono().route('/voice', createVoiceWebhook({ resolveBusiness: () => ({ config }), stateStore: createMemoryStateStore(), clock: () => '2026-02-20T10:00:00-06:00', deliver: async () => {} }));
let sid = 0;
const form = (fields: Record<string, string>) => ({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
const before = performance.now();
const cpuBefore = cpuMs();
let requests = 0;
while (performance.now() - before < 2000) {
  const CallSid = `CA${(sid += 1)}`;
  await webhook.request('http://localhost/voice', form({ CallSid, From: '+12175550123', To: '+12175550100' }));
  await webhook.request('http://localhost/voice', form({ CallSid, From: '+12175550123', To: '+12175550100', SpeechResult: 'the kitchen sink is clogged' }));
  requests += 2;
}
console.log(`${'webhook requests in-process (greeting + one turn per call)'.padEnd(62)} ${fmt((requests * 1000) / (cpuMs() - cpuBefore))} req/cpu-s ${fmt((requests * 1000) / (performance.now() - before))} req/wall-s`);

console.log(`\ncalls per CPU-second vs target ${TARGET.toLocaleString('en-US')}/s: ${(cold / TARGET).toFixed(2)}x (every line guarded afresh; ${(warm / TARGET).toFixed(2)}x memoised)`);
if (cold < TARGET) process.exitCode = 1;
