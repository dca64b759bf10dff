import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runQa } from '../../src/calls/qa/run.ts';
import { buildSamples } from '../../src/calls/qa/samples.ts';
import { exampleConfig, exampleConfigJson } from './helpers.ts';

const REFERENCE = '2026-02-20';
const failures = (report: ReturnType<typeof runQa>) => report.calls.flatMap((c) => c.checks.filter((k) => !k.passed).map((k) => `${c.id}: ${k.check}`));

describe('calls qa', () => {
  it('the example business passes every check', () => {
    const report = runQa(exampleConfig(), { reference: REFERENCE });
    expect(failures(report)).toEqual([]);
    expect(report.passed).toBe(true);
    expect(report.totals.calls).toBeGreaterThanOrEqual(25);
  });

  it('builds the samples a launch review needs from the configuration', () => {
    const config = exampleConfig((c) => c.categories.push({ id: 'drains', label: 'Drain cleaning', keywords: ['rooter'] }));
    const ids = buildSamples(config, REFERENCE).map((s) => s.id);
    for (const id of ['category-plumbing', 'category-hvac', 'category-drains', 'out-of-area-zip', 'holiday', 'push-price', 'push-diagnosis', 'push-guaranteed-time', 'card-number', 'dst-change-before-opening', 'dst-change-at-opening', 'hours-edge-1', 'hours-edge-4']) {
      expect(ids).toContain(id);
    }
    for (const hazard of ['gas', 'carbon_monoxide', 'electrical', 'flooding', 'no_heat']) expect(ids).toContain(`hazard-${hazard}-after-hours`);
    // the DST sample is on the March 8 change, and its opening instant carries the new offset
    const dst = buildSamples(config, REFERENCE).find((s) => s.id === 'dst-change-at-opening')!;
    expect(dst.now).toBe('2026-03-09T08:00:00.000-05:00');
    expect(buildSamples(exampleConfig((c) => (c.business.timezone = 'America/Phoenix')), REFERENCE).some((s) => s.id.startsWith('dst'))).toBe(false);
  });

  it('passes businesses open around the clock, past midnight, or with back-to-back ranges', () => {
    const always = exampleConfig((c) => {
      for (const d of ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']) c.hours[d] = ['00:00-24:00'];
      c.hours.holidays = [];
    });
    const report = runQa(always, { reference: REFERENCE });
    expect(failures(report)).toEqual([]);
    expect(report.calls.some((c) => c.id.startsWith('after-hours'))).toBe(false);
    expect(report.skipped).toEqual(['after-hours samples: the business never closes', 'holiday: no holidays configured']);
    const late = exampleConfig((c) => {
      c.hours.mon = ['08:00-12:00', '12:00-24:00'];
      c.hours.tue = ['00:00-02:00', '08:00-17:00'];
    });
    expect(failures(runQa(late, { reference: REFERENCE }))).toEqual([]);
  });

  it('fails a disclosure that does not say the assistant is automated', () => {
    const report = runQa(exampleConfig((c) => (c.wording.disclosure = 'How can I help?')), { reference: REFERENCE });
    expect(report.passed).toBe(false);
    expect(failures(report)).toContain('category-plumbing: greeting and automation disclosure come first');
  });

  it('fails wording that breaks a guardrail, and routing that leaves a summary with nobody', () => {
    const report = runQa(
      exampleConfig((c) => {
        c.wording.closing = "Thanks! A technician will be there tomorrow, and we guarantee the work.";
        c.recipients = [{ id: 'oncall', phone: '+12175550100', gets: ['emergency'] }];
      }),
      { reference: REFERENCE },
    );
    const failed = failures(report);
    expect(failed).toContain('category-plumbing: nothing said breaks a guardrail');
    expect(failed).toContain('category-plumbing: the summary reaches a configured recipient');
    expect(failed).not.toContain('hazard-gas-after-hours: the summary reaches a configured recipient');
  });

  it('fails a custom safety script that coaches a repair', () => {
    const report = runQa(exampleConfig((c) => (c.safetyScripts = { electrical: { version: '1', text: 'Flip the breaker back on and see if the sparking stops.' } })), { reference: REFERENCE });
    expect(failures(report)).toContain('hazard-electrical-in-hours: nothing said breaks a guardrail');
  });
});

describe('gatehouse calls (CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'calls-cli-'));
  const run = (...args: string[]) => spawnSync(process.execPath, ['bin/gatehouse.js', 'calls', ...args], { encoding: 'utf8', cwd: join(import.meta.dirname, '..', '..') });

  it('simulate prints the result; qa passes the example (0); --json is JSON', () => {
    const sim = run('simulate', 'examples/calls/gas-after-hours.json');
    expect(sim.status).toBe(0);
    expect(JSON.parse(sim.stdout)).toMatchObject({ callId: 'gas-after-hours', disposition: 'safety_escalation', hazards: ['gas'] });
    const qa = run('qa', 'examples/calls/business.json');
    expect(qa.status).toBe(0);
    expect(qa.stdout).toMatch(/^Call QA for Acme Plumbing & Heating: PASS/);
    const json = run('qa', 'examples/calls/business.json', '--json');
    expect(JSON.parse(json.stdout)).toMatchObject({ passed: true });
  }, 120_000);

  it('exit 1 naming the field for bad input or a failing suite; 2 for usage', () => {
    const bad = exampleConfigJson();
    bad.hours.mon = ['08:00-25:00'];
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(bad));
    const r1 = run('qa', join(dir, 'bad.json'));
    expect(r1.status).toBe(1);
    expect(r1.stderr).toContain('hours.mon[0]: "08:00-25:00"');
    const failing = exampleConfigJson();
    failing.wording.disclosure = 'Hello.';
    writeFileSync(join(dir, 'failing.json'), JSON.stringify(failing));
    const r2 = run('qa', join(dir, 'failing.json'));
    expect(r2.status).toBe(1);
    expect(r2.stdout).toMatch(/FAIL greeting and automation disclosure come first/);
    writeFileSync(join(dir, 'call.json'), JSON.stringify({ id: 'x', now: 'yesterday', configPath: 'nope.json', turns: [] }));
    const r3 = run('simulate', join(dir, 'call.json'));
    expect(r3.status).toBe(1);
    expect(r3.stderr).toContain('configPath: no such file');
    expect(run('simulate', join(dir, 'missing.json')).status).toBe(2);
  }, 120_000);
});
