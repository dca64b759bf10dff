import { readFileSync } from 'node:fs';
import { parseBusinessConfig, type BusinessConfig } from '../../src/calls/config.ts';
import { resolveCall, simulateCall } from '../../src/calls/simulate.ts';

export const exampleConfigJson = () => JSON.parse(readFileSync(new URL('../../examples/calls/business.json', import.meta.url), 'utf8'));
export const exampleConfig = (patch: (c: any) => void = () => {}): BusinessConfig => {
  const json = exampleConfigJson();
  patch(json);
  return parseBusinessConfig(json);
};

/** Monday 2026-01-12 10:15 in Chicago: open. */
export const IN_HOURS = '2026-01-12T10:15:00-06:00';
/** Saturday 2026-01-10 23:30 in Chicago: closed. */
export const AFTER_HOURS = '2026-01-10T23:30:00-06:00';

export function call(turns: string[], opts: { now?: string; callerNumber?: string | null; patch?: (c: any) => void } = {}) {
  const json = exampleConfigJson();
  opts.patch?.(json);
  return simulateCall(resolveCall({ id: 't', now: opts.now ?? IN_HOURS, callerNumber: opts.callerNumber === undefined ? '+12175550123' : opts.callerNumber, config: json, turns }));
}

export const assistantLines = (result: { transcript: { role: string; text: string }[] }) => result.transcript.filter((t) => t.role === 'assistant').map((t) => t.text);
