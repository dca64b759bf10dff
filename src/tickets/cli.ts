import { EXIT, describeInputError, readJsonFile, writeOut } from '../cli/jsonl.ts';
import { readJsonLineBatches } from './read-batches.ts';
import { InputError } from '../errors.ts';
import { decide, parseScenario, type DecideDeps } from './decide.ts';
import { describeTally, replay, type ReplaySummary } from './replay.ts';
import { DEFAULT_SETTINGS_INPUT, resolveSettings } from './settings.ts';

/**
 * The edge reads the environment; the core only sees deps. The spec's value is `1`; a safety
 * switch also honours the other ways people write "on" (true, yes, on), never a silent off.
 */
export function killSwitchFromEnv(value: string | undefined): boolean {
  return value !== undefined && ['1', 'true', 'yes', 'on'].includes(value.trim().toLowerCase());
}

function depsFromEnv(): DecideDeps {
  return { env: { killSwitch: killSwitchFromEnv(process.env.GATEHOUSE_KILL_SWITCH) } };
}

/** `gatehouse simulate scenario.json`: one decision, pretty JSON on stdout. */
export async function runSimulate(file: string): Promise<number> {
  try {
    const scenario = parseScenario(await readJsonFile(file));
    const decision = await decide(scenario, depsFromEnv());
    await writeOut(JSON.stringify(decision, null, 2) + '\n');
    return EXIT.ok;
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    for (const line of describeInputError(error)) process.stderr.write(`${file}: ${line}\n`);
    return EXIT.invalidInput;
  }
}

/** `gatehouse replay scenarios.jsonl [--compare settings.json]` */
export async function runReplay(file: string, options: { compare?: string } = {}): Promise<number> {
  let compare: Record<string, unknown> | undefined;
  if (options.compare) {
    try {
      compare = await readCompareSettings(options.compare);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      for (const line of describeInputError(error)) process.stderr.write(`${options.compare}: ${line}\n`);
      return EXIT.invalidInput;
    }
  }
  const tty = process.stderr.isTTY === true;
  const summary = await replay(readJsonLineBatches(file), {
    deps: depsFromEnv(),
    compare,
    write: writeOut,
    warn: (line) => process.stderr.write(`${line}\n`),
    progress: tty ? (n) => process.stderr.write(`\rreplay: ${n} lines…`) : undefined,
    progressEvery: 1000,
  });
  if (tty && summary.decided + summary.invalid >= 1000) process.stderr.write('\r\x1b[K');
  process.stderr.write(summaryLine(summary) + '\n');
  return summary.invalid > 0 ? EXIT.invalidInput : EXIT.ok;
}

/** The compare file must be valid settings on its own (over the defaults) before any line is decided. */
async function readCompareSettings(file: string): Promise<Record<string, unknown>> {
  const value = await readJsonFile(file);
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new InputError([{ field: '', message: 'settings must be a JSON object' }]);
  resolveSettings(value, DEFAULT_SETTINGS_INPUT);
  return value as Record<string, unknown>;
}

export function summaryLine(s: ReplaySummary): string {
  const time = `${s.seconds.toFixed(2)} s`;
  const invalid = s.invalid ? `, ${s.invalid} invalid` : '';
  if (!s.compared) return `replay: ${s.decided} decided${invalid} in ${time}: ${describeTally(s.current)}`;
  return [
    `replay --compare: ${s.decided} decided${invalid} in ${time}; ${s.changed} changed outcome`,
    `  current settings: ${describeTally(s.current)}`,
    `  compared settings: ${describeTally(s.compared)}`,
  ].join('\n');
}
