// `gatehouse calls simulate <call.json>` and `gatehouse calls qa <business.json> [--json]`.
// Exit codes as for replay: 0 ok, 1 invalid input (or a failed QA suite), 2 usage.
import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InputError } from '../errors.ts';
import { EXIT, describeInputError, readJsonFile, writeOut } from '../cli/jsonl.ts';
import { parseBusinessConfig } from './config.ts';
import { resolveCall, simulateCall } from './simulate.ts';
import { runQa } from './qa/run.ts';
import { formatQaReport } from './qa/report.ts';

/** One scripted call in, its result (JSON) out. */
export async function runCallsSimulate(file: string): Promise<number> {
  try {
    const call = await readJsonFile(file);
    const configPath = typeof call === 'object' && call !== null && 'configPath' in call && !('config' in call) ? (call as { configPath: unknown }).configPath : undefined;
    let loaded: unknown;
    if (typeof configPath === 'string') {
      // relative to the call file (examples/calls/*.json); failing that, to the working directory
      const besideCall = resolve(file === '-' ? process.cwd() : dirname(file), configPath);
      const path = isFile(besideCall) ? besideCall : resolve(process.cwd(), configPath);
      if (!isFile(path)) throw new InputError([{ field: 'configPath', message: `no such file: ${configPath}` }]);
      loaded = await readJsonFile(path).catch((error: unknown) => {
        throw error instanceof InputError ? error.under('configPath') : error;
      });
    }
    const result = simulateCall(resolveCall(call, loaded));
    await writeOut(`${JSON.stringify(result, null, 2)}\n`);
    return EXIT.ok;
  } catch (error) {
    return reportInputError(error);
  }
}

/** The pre-launch suite for a business configuration: a readable report (or JSON), exit 1 when any check fails. */
export async function runCallsQa(file: string, options: { json?: boolean } = {}): Promise<number> {
  try {
    const config = parseBusinessConfig(await readJsonFile(file));
    // the edge reads the clock: samples for hours and the next DST change are taken from today
    const report = runQa(config, { reference: new Date().toISOString().slice(0, 10) });
    await writeOut(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatQaReport(report));
    return report.passed ? EXIT.ok : EXIT.invalidInput;
  } catch (error) {
    return reportInputError(error);
  }
}

const isFile = (path: string) => statSync(path, { throwIfNoEntry: false })?.isFile() === true;

function reportInputError(error: unknown): number {
  if (!(error instanceof InputError)) throw error;
  for (const line of describeInputError(error)) process.stderr.write(`gatehouse: ${line}\n`);
  return EXIT.invalidInput;
}
