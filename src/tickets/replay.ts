import { InputError } from '../errors.ts';
import { errorRecord, type JsonLine } from '../cli/jsonl.ts';
import { decideNow, parseScenarioWithSettings, settingsOf, type DecideDeps } from './decide.ts';
import { DEFAULT_SETTINGS_INPUT, deepMerge, type Settings } from './settings.ts';
import type { Decision, Outcome, Scenario } from './scenario.ts';

/** Counts and money per outcome for one side of a replay (money per currency, actions' amounts). */
export interface Tally {
  decided: number;
  outcomes: Partial<Record<Outcome, number>>;
  money: Partial<Record<Outcome, Record<string, number>>>;
}

export interface ReplaySummary {
  decided: number;
  invalid: number;
  seconds: number;
  current: Tally;
  /** with --compare: the other settings' side and how many scenarios changed outcome */
  compared?: Tally;
  changed?: number;
}

export interface ReplayOptions {
  deps?: DecideDeps;
  /** settings deep-merged over every scenario's own settings, for "what would this change have done" */
  compare?: Record<string, unknown>;
  /** receives output text; it is called with a batch of complete lines and may wait (backpressure) */
  write: (text: string) => void | Promise<void>;
  /** invalid line messages (`line N: field: message`) */
  warn: (line: string) => void;
  /** called every `progressEvery` lines */
  progress?: (linesRead: number) => void;
  progressEvery?: number;
}

const FLUSH_AT = 64 * 1024;

/**
 * The engine behind `gatehouse replay` (and its benchmark): decides each line as it arrives, writes
 * one output line per input line (a decision, or an error record for an invalid line), and holds
 * no more than one output batch in memory. With `compare`, the output lines are the scenarios whose
 * outcome differs, and the tallies of both sides are in the summary.
 */
export async function replay(lines: AsyncIterable<JsonLine | readonly JsonLine[]>, options: ReplayOptions): Promise<ReplaySummary> {
  const started = performance.now();
  const summary: ReplaySummary = { decided: 0, invalid: 0, seconds: 0, current: emptyTally() };
  if (options.compare) {
    summary.compared = emptyTally();
    summary.changed = 0;
  }
  // ids seen so far, to refuse a duplicate on its own line (one short string per scenario)
  const firstLineOf = new Map<string, number>();
  const compareCache = new Map<string, Settings>();
  let out = '';
  let read = 0;
  const flush = async () => {
    if (out) {
      const text = out;
      out = '';
      await options.write(text);
    }
  };

  // One line, decided synchronously when it can be (recorded model, no rules engine run): the
  // await only happens for the lines that really wait on something.
  const handle = (item: JsonLine): void | Promise<void> => {
    read += 1;
    if (options.progress && read % (options.progressEvery ?? 1000) === 0) options.progress(read);
    try {
      if (item.error) throw item.error;
      const { scenario, settings } = parseScenarioWithSettings(item.value);
      if (scenario.id !== null && scenario.id !== undefined) {
        const first = firstLineOf.get(scenario.id);
        if (first !== undefined) throw new InputError([{ field: 'id', message: `duplicate scenario id "${scenario.id}" (first on line ${first})` }]);
      }
      const compared = options.compare ? compareSettings(scenario, options.compare, compareCache) : null;
      const pending = decideNow(scenario, options.deps, settings);
      if (pending instanceof Promise) return pending.then((d) => settle(item, scenario, d, compared)).catch((error: unknown) => invalid(item, error));
      return settle(item, scenario, pending, compared);
    } catch (error) {
      invalid(item, error);
    }
  };
  const settle = (item: JsonLine, scenario: Scenario, decision: Decision, compared: Settings | null): void | Promise<void> => {
    if (scenario.id !== null && scenario.id !== undefined) firstLineOf.set(scenario.id, item.line);
    summary.decided += 1;
    count(summary.current, decision);
    if (!compared) {
      out += JSON.stringify(decision) + '\n';
      return;
    }
    const side = (other: Decision) => {
      count(summary.compared!, other);
      if (other.outcome !== decision.outcome || other.wouldBe !== decision.wouldBe) {
        summary.changed! += 1;
        out += JSON.stringify(difference(item.line, decision, other)) + '\n';
      }
    };
    const other = decideNow(scenario, options.deps, compared);
    return other instanceof Promise ? other.then(side) : side(other);
  };
  const invalid = (item: JsonLine, error: unknown): void => {
    if (!(error instanceof InputError)) throw error;
    const located = error.atLine(item.line);
    summary.invalid += 1;
    for (const message of describeLine(located)) options.warn(message);
    out += JSON.stringify(errorRecord(located, idOf(item.value))) + '\n';
  };

  for await (const chunk of lines) {
    const items = Array.isArray(chunk) ? (chunk as readonly JsonLine[]) : [chunk as JsonLine];
    for (const item of items) {
      const pending = handle(item);
      if (pending) await pending;
      if (out.length >= FLUSH_AT) await flush();
    }
  }
  await flush();
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}

function describeLine(error: InputError): string[] {
  return error.issues.map((i) => `line ${error.line}: ${i.field ? `${i.field}: ` : ''}${i.message}`);
}

function idOf(value: unknown): unknown {
  return value && typeof value === 'object' ? (value as { id?: unknown }).id : undefined;
}

/** The compared side: the other settings deep-merged over the scenario's own, over the defaults. */
function compareSettings(scenario: Scenario, compare: Record<string, unknown>, cache: Map<string, Settings>): Settings {
  const key = JSON.stringify(scenario.settings);
  let settings = cache.get(key);
  if (!settings) {
    try {
      settings = settingsOf({ ...scenario, settings: compare }, deepMerge(DEFAULT_SETTINGS_INPUT, scenario.settings));
    } catch (error) {
      if (error instanceof InputError) throw new InputError(error.issues.map((i) => ({ field: i.field.replace(/^settings/, 'compare'), message: i.message })));
      throw error;
    }
    if (cache.size < 1000) cache.set(key, settings);
  }
  return settings;
}

function emptyTally(): Tally {
  return { decided: 0, outcomes: {}, money: {} };
}

function count(tally: Tally, decision: Decision): void {
  tally.decided += 1;
  tally.outcomes[decision.outcome] = (tally.outcomes[decision.outcome] ?? 0) + 1;
  if (decision.actions.length === 0) return;
  const money = (tally.money[decision.outcome] ??= {});
  for (const a of decision.actions) money[a.currency] = Math.round(((money[a.currency] ?? 0) + a.amount) * 100) / 100;
}

function difference(line: number, before: Decision, after: Decision) {
  const side = (d: Decision) => ({ outcome: d.outcome, wouldBe: d.wouldBe, stoppedAt: d.stoppedAt, amount: d.actions.reduce((s, a) => s + a.amount, 0) });
  return { line, scenarioId: before.scenarioId, ticketId: before.ticketId, current: side(before), compared: side(after) };
}

/** "executed 3, shadow 12, blocked 1" */
export function describeTally(tally: Tally): string {
  const parts = Object.entries(tally.outcomes).map(([outcome, n]) => {
    const money = tally.money[outcome as Outcome];
    const amounts = money ? Object.entries(money).map(([cur, v]) => `${v.toFixed(2)} ${cur}`).join(' + ') : '';
    return `${outcome} ${n}${amounts ? ` (${amounts})` : ''}`;
  });
  return parts.join(', ') || 'nothing decided';
}
