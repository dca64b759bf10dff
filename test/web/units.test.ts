// Pure pieces of the dashboard: reply highlighting at UTF-16 offsets, the settings form mapping,
// chart scales and the audit query.
import { describe, expect, it } from 'vitest';
import { segments } from '../../src/web/highlight.ts';
import { errorsByField, fieldOf, settingsFromForm, valuesOf } from '../../src/web/settings-form.ts';
import { DEFAULT_SETTINGS } from '../../src/tickets/settings.ts';
import { niceMax } from '../../src/web/charts.tsx';
import { auditQuery } from '../../src/web/pages/audit.tsx';
import { safeNext } from '../../src/web/pages/login.tsx';
import type { Finding } from '../../src/guardrails/types.ts';

const f = (start: number, end: number, severity: 'soft' | 'hard' = 'soft', rule = 'pii.email'): Finding => ({ type: 'email', start, end, severity, rule });

describe('segments', () => {
  it('cuts at UTF-16 offsets, as JS strings count (an emoji is two units)', () => {
    const text = '😀 mail a@b.co now';
    const start = text.indexOf('a@b.co');
    expect(start).toBe(8);
    const parts = segments(text, [f(start, start + 6)]);
    expect(parts.map((p) => [p.text, p.findings.length])).toEqual([['😀 mail ', 0], ['a@b.co', 1], [' now', 0]]);
  });

  it('splits overlaps into pieces listing every finding, clamps bad offsets, ignores empty spans', () => {
    const parts = segments('abcdefghij', [f(2, 6), f(4, 8, 'hard', 'blocked.x'), f(9, 99), f(10, 10)]);
    expect(parts.map((p) => [p.text, p.findings.map((x) => x.rule)])).toEqual([
      ['ab', []], ['cd', ['pii.email']], ['ef', ['pii.email', 'blocked.x']], ['gh', ['blocked.x']], ['i', []], ['j', ['pii.email']],
    ]);
    expect(segments('', [f(0, 3)])).toEqual([]);
  });
});

describe('settings form', () => {
  it('round-trips the defaults', () => {
    const { value, issues } = settingsFromForm(valuesOf(DEFAULT_SETTINGS), DEFAULT_SETTINGS);
    expect(issues).toEqual([]);
    expect(value).toEqual(DEFAULT_SETTINGS);
  });

  it('passes a number that does not parse on as typed (the service names the field), and reports bad JSON itself', () => {
    const form = { ...valuesOf(DEFAULT_SETTINGS), 'classification.minConfidence': 'high', escalationRules: '[{' };
    const { value, issues } = settingsFromForm(form, DEFAULT_SETTINGS);
    expect((value.classification as { minConfidence: unknown }).minConfidence).toBe('high');
    expect(issues).toEqual([{ field: 'escalationRules', message: expect.stringContaining('not valid JSON') }]);
  });

  it('unticked checkboxes are false and empty groups are empty lists', () => {
    const form = valuesOf(DEFAULT_SETTINGS);
    delete form['firstTimeApproval'];
    delete form['risk.reviewLevels'];
    const { value } = settingsFromForm(form, DEFAULT_SETTINGS);
    expect(value.firstTimeApproval).toBe(false);
    expect((value.risk as { reviewLevels: string[] }).reviewLevels).toEqual([]);
  });

  it('maps an error path to the input that holds it', () => {
    expect(fieldOf('settings.actions.refund.blockAbove')).toBe('actions.refund.blockAbove');
    expect(fieldOf('settings.escalationRules[0].when.fact')).toBe('escalationRules');
    expect(fieldOf('settings.guardrails.pii.types[2]')).toBe('guardrails.pii.types');
    expect(fieldOf('settings.nope')).toBeNull();
    expect(errorsByField([{ field: 'settings.escalationRules[0].id', message: 'duplicate' }, { field: 'settings', message: 'x' }])).toEqual({
      escalationRules: ['escalationRules[0].id: duplicate'],
      '': ['x'],
    });
  });
});

describe('small helpers', () => {
  it('rounds chart maxima up to a readable number', () => {
    expect([0, 1, 3, 7, 12, 180, 201].map(niceMax)).toEqual([1, 1, 5, 10, 20, 200, 250]);
  });

  it('turns whole days into the API range (to is inclusive) and drops malformed dates', () => {
    const q = auditQuery({ type: 'refund', status: '', from: '2026-11-01', to: '2026-11-02', customer: 'c1', ticket: '' });
    expect(Object.fromEntries(q)).toEqual({ type: 'refund', customer: 'c1', from: '2026-11-01T00:00:00Z', to: '2026-11-03T00:00:00.000Z' });
    expect(Object.fromEntries(auditQuery({ type: '', status: '', from: 'yesterday', to: '', customer: '', ticket: '' }))).toEqual({});
  });

  it('only follows local paths after sign-in', () => {
    expect(safeNext('/approvals?x=1')).toBe('/approvals?x=1');
    for (const bad of ['//evil.example', 'https://evil.example', '/\\evil.example', '', undefined]) expect(safeNext(bad)).toBe('/');
  });
});
