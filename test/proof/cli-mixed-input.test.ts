// The CLIs on a file that mixes valid lines with every kind of bad one: exit 1, one
// `line N: field` message per bad line, an output line for every input line, and every valid
// line decided (or checked) exactly as it would be on its own.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decide, parseScenario } from '../../src/tickets/decide.ts';
import { guard, defaultGuardrailSettings } from '../../src/guardrails/index.ts';
import { DELETE, mutateAt, scenarioInput } from './scenario-arbitraries.ts';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'gatehouse.js');
const gatehouse = (args: string[], input: string) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, lines: r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l)) };
};

type Bad = { text: string; field: string };

/** The output keeps an error record in the bad line's place, and stderr names the line (and its field, when it has one). */
function expectNamedError(out: Record<string, unknown>, stderr: string[], lineNo: number, bad: Bad) {
  expect(out.error, `line ${lineNo}`).toBeDefined();
  const named = stderr.filter((s) => s.startsWith(`line ${lineNo}: `));
  expect(named.length, `stderr names line ${lineNo}`).toBeGreaterThan(0);
  if (bad.field) expect(named.some((s) => s.startsWith(`line ${lineNo}: ${bad.field}`)), `${named.join(' | ')} should name ${bad.field}`).toBe(true);
}

/** Bad lines, each with the field its error must name ('' for a line that is not JSON at all). */
const BAD_SCENARIOS = (valid: Record<string, any>): Bad[] => [
  { text: '{"id": "broken", ', field: '' },
  { text: 'not json', field: '' },
  { text: JSON.stringify(mutateAt(valid, ['ticket', 'body'], DELETE)), field: 'ticket.body' },
  { text: JSON.stringify(mutateAt(valid, ['model', 'intent'], 'steal')), field: 'model.intent' },
  { text: JSON.stringify(mutateAt(valid, ['model', 'confidence'], 7)), field: 'model.confidence' },
  { text: JSON.stringify(mutateAt(valid, ['store', 'orders', 0, 'totalPrice'], -5)), field: 'store.orders[0].totalPrice' },
  { text: JSON.stringify(mutateAt(valid, ['settings', 'actions'], { refund: { autoApproveMax: 'lots' } })), field: 'settings.actions.refund' },
  { text: JSON.stringify(mutateAt(valid, ['settings', 'escalationRules'], [{ id: 'r', when: { fact: 'body', operator: 'matches', value: '(a+)+$' }, then: 'block' }])), field: 'settings.escalationRules[0].when.value' },
  { text: JSON.stringify(mutateAt(valid, ['now'], 'yesterday')), field: 'now' },
  { text: '[]', field: '' },
];

describe('gatehouse replay - with mixed valid and invalid lines', () => {
  it('exits 1, names each bad line and field, and decides every valid line', async () => {
    const valid = fc.sample(scenarioInput, { numRuns: 24, seed: 9 }).map((s, i) => ({ ...s, id: `ok-${i}` }));
    const bad = BAD_SCENARIOS(valid[0]);
    // interleave: valid, bad, valid, bad, … then the remaining valid lines; a blank line is skipped
    const lines: Array<{ text: string; bad?: Bad; id?: string }> = [];
    valid.forEach((v, i) => {
      lines.push({ text: JSON.stringify(v), id: v.id as string });
      if (bad[i]) lines.push({ text: bad[i].text, bad: bad[i] });
    });
    const input = lines.map((l) => l.text).join('\n') + '\n\n';
    const r = gatehouse(['replay', '-'], input);

    expect(r.code).toBe(1);
    expect(r.lines).toHaveLength(lines.length);
    const stderr = r.stderr.split('\n');
    for (const [i, line] of lines.entries()) {
      const out = r.lines[i];
      if (line.bad) {
        expectNamedError(out, stderr, i + 1, line.bad);
        expect(out.line).toBe(i + 1);
      } else {
        // decided, and exactly as the core decides it alone
        const alone = await decide(parseScenario(JSON.parse(line.text)));
        expect(out.scenarioId).toBe(line.id);
        expect(out.outcome).toBe(alone.outcome);
        expect(out.actions).toEqual(alone.actions);
      }
    }
  });
});

describe('gatehouse guard - with mixed valid and invalid lines', () => {
  it('exits 1, names each bad line and field, and checks every valid line', () => {
    const texts = ['Hello Jane, your refund is on its way.', 'Call me at (415) 555-2671', 'card 4111 1111 1111 1111', '', '👍🏽 \u202E reversed'];
    const bad: Bad[] = [
      { text: '{"text": 42}', field: 'text' },
      { text: '{"id": "x"}', field: 'text' },
      { text: '{"text": "hi", "kind": "shout"}', field: 'kind' },
      { text: '{"text": ', field: '' },
      { text: '"just a string"', field: '' },
    ];
    const lines: Array<{ text: string; bad?: Bad; guarded?: string }> = [];
    texts.forEach((t, i) => {
      lines.push({ text: JSON.stringify({ id: `g${i}`, text: t }), guarded: t });
      lines.push({ text: bad[i].text, bad: bad[i] });
    });
    const r = gatehouse(['guard', '-'], lines.map((l) => l.text).join('\n') + '\n');
    expect(r.code).toBe(1);
    expect(r.lines).toHaveLength(lines.length);
    const stderr = r.stderr.split('\n');
    for (const [i, line] of lines.entries()) {
      const out = r.lines[i];
      if (line.bad) {
        expectNamedError(out, stderr, i + 1, line.bad);
      } else {
        const alone = guard(line.guarded!, defaultGuardrailSettings, { kind: 'reply' });
        expect(out).toMatchObject({ verdict: alone.verdict, text: alone.text });
      }
    }
  });
});
