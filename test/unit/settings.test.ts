import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, resolveSettings } from '../../src/tickets/settings.ts';
import { InputError } from '../../src/errors.ts';

describe('settings', () => {
  it('a new org is in shadow mode with every gate on', () => {
    expect(DEFAULT_SETTINGS.mode).toBe('shadow');
    expect(DEFAULT_SETTINGS.killSwitch).toBe(false);
    expect(DEFAULT_SETTINGS.firstTimeApproval).toBe(true);
    expect(DEFAULT_SETTINGS.actions.refund).toEqual({ enabled: true, autoApproveMax: 50, blockAbove: 200 });
    expect(DEFAULT_SETTINGS.guardrails.pii.action).toBe('redact');
  });

  it('deep-merges a partial setting and keeps its siblings', () => {
    const s = resolveSettings({ actions: { refund: { autoApproveMax: 20 } }, mode: 'live' });
    expect(s.actions.refund).toEqual({ enabled: true, autoApproveMax: 20, blockAbove: 200 });
    expect(s.actions.cancel.autoApproveMax).toBe(50);
    expect(s.mode).toBe('live');
  });

  it('names the field of an invalid value instead of using the default', () => {
    const attempt = () => resolveSettings({ actions: { refund: { autoApproveMax: -5 } } });
    expect(attempt).toThrow(InputError);
    try {
      attempt();
    } catch (error) {
      expect((error as InputError).issues[0].field).toBe('actions.refund.autoApproveMax');
    }
  });

  it('rejects a rule whose matches regex is invalid or can backtrack catastrophically, with the reason', () => {
    const rule = (value: string) => ({
      escalationRules: [{ id: 'r', priority: 1, when: { all: [{ fact: 'body', operator: 'matches', value }] }, then: 'review' }],
    });
    expect(() => resolveSettings(rule('chargeback|lawyer'))).not.toThrow();
    expect(() => resolveSettings(rule('(unclosed'))).toThrow(/escalationRules\[0\]\.when.*invalid regular expression/);
    expect(() => resolveSettings(rule('(a+)+$'))).toThrow(/backtrack/);
  });

  it('rejects unknown keys so a typo is never silently ignored', () => {
    expect(() => resolveSettings({ actions: { refund: { autoAproveMax: 10 } } })).toThrow(/actions\.refund/);
  });
});
