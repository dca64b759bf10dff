import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scenarioWith } from './fixtures.ts';
import { killSwitchFromEnv } from '../../src/tickets/cli.ts';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'gatehouse.js');
let dir: string;

function gatehouse(args: string[], input?: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });
  return {
    code: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
    /** stdout as JSON Lines (replay) */
    get lines(): any[] {
      return r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l));
    },
  };
}

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const line = (patch: Record<string, unknown> = {}) => JSON.stringify(scenarioWith(patch));

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-tickets-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('gatehouse simulate', () => {
  it('prints one decision and exits 0', () => {
    const r = gatehouse(['simulate', file('one.json', line({ id: 'one' }))]);
    expect(r.code).toBe(0);
    const decision = JSON.parse(r.stdout);
    expect(decision).toMatchObject({ scenarioId: 'one', outcome: 'executed' });
  });

  it('reads stdin with -', () => {
    const r = gatehouse(['simulate', '-'], line({ id: 'stdin' }));
    expect(JSON.parse(r.stdout).scenarioId).toBe('stdin');
  });

  it('names the field of an invalid scenario and exits 1', () => {
    const r = gatehouse(['simulate', file('bad.json', line({ model: { intent: 'refund_everything' } }))]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/model\.intent: Invalid option/);
    expect(r.stdout).toBe('');
  });

  it('exits 2 on usage errors', () => {
    expect(gatehouse(['simulate']).code).toBe(2);
    const missing = gatehouse(['simulate', join(dir, 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no such file/);
  });

  it('halts everything with GATEHOUSE_KILL_SWITCH=1, and not with 0', () => {
    const r = gatehouse(['simulate', '-'], line(), { GATEHOUSE_KILL_SWITCH: '1' });
    expect(JSON.parse(r.stdout).outcome).toBe('halted');
    expect(JSON.parse(gatehouse(['simulate', '-'], line(), { GATEHOUSE_KILL_SWITCH: '0' }).stdout).outcome).toBe('executed');
  });

  it.each([['1', true], ['true', true], [' YES ', true], ['on', true], ['0', false], ['', false], ['false', false], [undefined, false]])(
    'reads GATEHOUSE_KILL_SWITCH=%j as %s',
    (value, on) => {
      expect(killSwitchFromEnv(value)).toBe(on);
    },
  );
});

describe('gatehouse replay', () => {
  it('decides every line, one output line per input line, summary on stderr', () => {
    const r = gatehouse(['replay', file('ok.jsonl', [line({ id: 'a' }), '', line({ id: 'b', settings: { mode: 'shadow' } })].join('\n'))]);
    expect(r.code).toBe(0);
    expect(r.lines.map((d) => [d.scenarioId, d.outcome])).toEqual([['a', 'executed'], ['b', 'shadow']]);
    expect(r.stderr).toMatch(/^replay: 2 decided in \d+\.\d\d s: executed 1 \(34\.00 USD\), shadow 1 \(34\.00 USD\)\n$/);
  });

  it('reports each invalid line by number and field, still decides the valid ones, exits 1', () => {
    const huge = JSON.stringify(scenarioWith({ id: 'huge', ticket: { body: 'x'.repeat(10 * 1024 * 1024) } }));
    const input = [
      line({ id: 'first' }),
      '{"id": "broken", "ticket": ',
      JSON.stringify({ id: 'no-ticket', now: '2026-03-30T12:00:00Z' }),
      line({ id: 'neg', model: { actions: [{ type: 'refund', orderId: '1042', amount: -5 }] } }),
      line({ id: 'nan', model: { confidence: 'NaN' } }),
      line({ id: 'first' }),
      huge,
      line({ id: 'last' }),
      line({ id: 'bad-setting', settings: { actions: { refund: { autoApproveMax: -1 } } } }),
      line({ id: 'no-clock', now: null }),
    ].join('\n');
    const r = gatehouse(['replay', file('mixed.jsonl', input)]);
    expect(r.code).toBe(1);
    const err = r.stderr;
    expect(err).toMatch(/^line 2: malformed JSON/m);
    expect(err).toMatch(/^line 3: ticket: /m);
    expect(err).toMatch(/^line 4: model\.actions\[0\]\.amount: /m);
    expect(err).toMatch(/^line 5: model\.confidence: /m);
    expect(err).toMatch(/^line 6: id: duplicate scenario id "first" \(first on line 1\)/m);
    expect(err).toMatch(/^line 7: the line is \d+ characters long/m);
    expect(err).toMatch(/^line 9: settings\.actions\.refund\.autoApproveMax: /m);
    expect(err).toMatch(/^line 10: now: /m);
    expect(err).toMatch(/^replay: 2 decided, 8 invalid/m);
    // stdout stays aligned with the input: a decision or an error record per line
    expect(r.lines).toHaveLength(10);
    expect(r.lines[0].outcome).toBe('executed');
    expect(r.lines[1]).toMatchObject({ line: 2, error: { code: 'invalid_input' } });
    expect(r.lines[5]).toMatchObject({ line: 6, id: 'first', error: { field: 'id' } });
    expect(r.lines[7]).toMatchObject({ scenarioId: 'last', outcome: 'executed' });
  });

  it('refuses a body over the limit inside a line that fits', () => {
    const r = gatehouse(['replay', '-'], line({ id: 'long', ticket: { body: 'y'.repeat(300_000) } }));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/line 1: ticket\.body: the body is 300000 characters long/);
  });

  it('compares two settings: the changed scenarios, then counts and money per side', () => {
    const scenarios = file('cmp.jsonl', [line({ id: 'small' }), line({ id: 'mid', ticket: { body: 'order #1044' }, model: { actions: [{ type: 'refund', orderId: '1044', amount: 120 }] } })].join('\n'));
    const other = file('other.json', JSON.stringify({ actions: { refund: { autoApproveMax: 150 } } }));
    const r = gatehouse(['replay', scenarios, '--compare', other]);
    expect(r.code).toBe(0);
    expect(r.lines).toEqual([
      expect.objectContaining({ scenarioId: 'mid', current: expect.objectContaining({ outcome: 'awaiting_approval' }), compared: expect.objectContaining({ outcome: 'executed' }) }),
    ]);
    expect(r.stderr).toMatch(/1 changed outcome/);
    expect(r.stderr).toMatch(/current settings: executed 1 \(34\.00 USD\), awaiting_approval 1 \(120\.00 USD\)/);
    expect(r.stderr).toMatch(/compared settings: executed 2 \(154\.00 USD\)/);
  });

  it('names the field of invalid compare settings and decides nothing', () => {
    const other = file('bad-other.json', JSON.stringify({ mode: 'sometimes' }));
    const r = gatehouse(['replay', file('x.jsonl', line()), '--compare', other]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad-other\.json: mode: /);
    expect(r.stdout).toBe('');
  });

  it('replays the bundled examples: every outcome, exit 0', () => {
    const examples = join(import.meta.dirname, '..', '..', 'examples', 'scenarios.jsonl');
    const r = gatehouse(['replay', examples]);
    expect(r.code).toBe(0);
    const outcomes = new Set(r.lines.map((d) => d.outcome));
    expect([...outcomes].sort()).toEqual(['awaiting_approval', 'blocked', 'executed', 'halted', 'needs_review', 'shadow', 'short_circuited']);
    expect(r.lines.length).toBe(readFileSync(examples, 'utf8').trim().split('\n').length);
  });

  it('exits 2 without a file', () => {
    expect(gatehouse(['replay']).code).toBe(2);
    expect(gatehouse(['replay', join(dir, 'missing.jsonl')]).code).toBe(2);
  });
});
