import { describe, expect, it } from 'vitest';
import { resolveSettings } from '../../src/tickets/settings.ts';

// resolveSettings remembers recent partial settings and compares a new one with them in place:
// only settings with the same JSON text may share a result.
describe('resolveSettings cache', () => {
  it('gives the same settings object for the same partial settings in a fresh object', () => {
    const a = resolveSettings({ mode: 'live', actions: { refund: { autoApproveMax: 70 } } });
    const b = resolveSettings(JSON.parse('{"mode":"live","actions":{"refund":{"autoApproveMax":70}}}'));
    expect(b).toBe(a);
    expect(b.actions.refund.autoApproveMax).toBe(70);
  });

  it('never answers a different partial with a remembered result', () => {
    const base = resolveSettings({ mode: 'live', vipTags: ['vip', 'gold'] });
    expect(resolveSettings({ mode: 'live', vipTags: ['vip', 'gold', 'x'] }).vipTags).toEqual(['vip', 'gold', 'x']);
    expect(resolveSettings({ mode: 'live', vipTags: ['vip'] }).vipTags).toEqual(['vip']);
    expect(resolveSettings({ mode: 'shadow', vipTags: ['vip', 'gold'] }).mode).toBe('shadow');
    expect(resolveSettings({ mode: 'live', vipTags: ['vip', 'gold'], vipMultiplier: 2 }).vipMultiplier).toBe(2);
    expect(resolveSettings({ mode: 'live', vipTags: ['vip', 'gold'] })).toBe(base);
  });

  it('is not fooled by a caller who changes its settings object after resolving it', () => {
    const partial = { mode: 'live', classification: { minConfidence: 0.6 } };
    expect(resolveSettings(partial).classification.minConfidence).toBe(0.6);
    partial.classification.minConfidence = 0.9;
    expect(resolveSettings(partial).classification.minConfidence).toBe(0.9);
  });

  it('still rejects an invalid partial that looks like a remembered one', () => {
    resolveSettings({ mode: 'live', maxOrderAgeDays: 30 });
    expect(() => resolveSettings({ mode: 'live', maxOrderAgeDays: -30 })).toThrow(/maxOrderAgeDays/);
    expect(() => resolveSettings({ mode: 'live', maxOrderAgeDays: Number.NaN })).toThrow(/maxOrderAgeDays/);
  });

  it('treats keys in another order as other settings, with the same values', () => {
    const a = resolveSettings({ mode: 'live', killSwitch: true });
    const b = resolveSettings({ killSwitch: true, mode: 'live' });
    expect(b).toEqual(a);
  });
});
