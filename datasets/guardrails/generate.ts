// Regenerates datasets/guardrails/corpus.jsonl from seeded templates (same seed, same corpus):
//   node bin/run-ts.js datasets/guardrails/generate.ts
// Hand-written hard cases live in hard-cases.jsonl and are read as they are.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { rng, type Sample } from './gen/build.ts';
import { piiSamples } from './gen/pii.ts';
import { lookalikeSamples } from './gen/lookalikes.ts';
import { toneSamples } from './gen/tone.ts';
import { patternSamples, requiredSamples } from './gen/patterns.ts';

const r = rng(20261122);
const samples: Sample[] = [...piiSamples(r), ...lookalikeSamples(r), ...toneSamples(r), ...patternSamples(r), ...requiredSamples(r)];
const out = join(dirname(fileURLToPath(import.meta.url)), 'corpus.jsonl');
writeFileSync(out, samples.map((s) => JSON.stringify(s)).join('\n') + '\n');
console.log(`wrote ${samples.length} samples to ${out}`);
