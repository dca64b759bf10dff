// `npm run bench`: runs every bench/*.bench.ts in its own process (clean heap, honest peak memory), in name order.
// `npm run bench -- tickets` runs only the files whose name contains "tickets".
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2] ?? '';
const files = readdirSync(here).filter((f) => f.endsWith('.bench.ts') && f.includes(filter)).sort();
let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file}`);
  const run = spawnSync(process.execPath, [join(here, '..', 'bin', 'run-ts.js'), join(here, file)], { stdio: 'inherit' });
  if (run.status !== 0) failed += 1;
}
if (failed) {
  console.error(`${failed} benchmark(s) failed`);
  process.exitCode = 1;
}
