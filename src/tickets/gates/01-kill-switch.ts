import { pass, type Gate, type GateContext } from './types.ts';

/** True when the env (GATEHOUSE_KILL_SWITCH=1, read at the edge) or the org's setting stops everything. */
export function killSwitchOn(ctx: Pick<GateContext, 'env' | 'settings'>): boolean {
  return ctx.env.killSwitch || ctx.settings.killSwitch;
}

export const killSwitch: Gate = {
  id: 'kill_switch',
  run(ctx) {
    if (ctx.env.killSwitch) return { verdict: 'halt', reason: 'the kill switch is on (GATEHOUSE_KILL_SWITCH)' };
    if (ctx.settings.killSwitch) return { verdict: 'halt', reason: "the kill switch is on (the org's killSwitch setting)" };
    return pass();
  },
};
