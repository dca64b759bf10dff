// `npm run quality`: runs every scripts/quality/*.ts (recall, precision, accuracy on our labelled sets) and prints their reports.
// `npm run quality -- pii` runs only the scripts whose name contains "pii".
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'quality');
const filter = process.argv[2] ?? '';
const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && f.includes(filter)).sort();
let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file}`);
  const run = spawnSync(process.execPath, [join(dir, '..', '..', 'bin', 'run-ts.js'), join(dir, file)], { stdio: 'inherit' });
  if (run.status !== 0) failed += 1;
}
if (failed) process.exitCode = 1;
