import { describe, expect, it } from 'vitest';
import { run, proposing, refund, gatesRan, scenarioWith } from './fixtures.ts';
import { decide, parseScenario } from '../../src/tickets/decide.ts';
import type { ModelAdapter } from '../../src/adapters/model/types.ts';

/** A model adapter that records what it was asked and answers what it is told to. */
function modelAnswering(answer: unknown | (() => Promise<unknown>)): ModelAdapter & { calls: number } {
  return {
    name: 'test-model',
    calls: 0,
    async propose() {
      this.calls += 1;
      return typeof answer === 'function' ? (answer as () => Promise<unknown>)() : answer;
    },
  };
}

describe('a clean ticket', () => {
  it('executes in live mode with every gate passing, in order', async () => {
    const d = await run();
    expect(d.outcome).toBe('executed');
    expect(d.stoppedAt).toBeNull();
    expect(d.wouldBe).toBeNull();
    expect(d.actions).toEqual([{ type: 'refund', orderId: '1042', amount: 34, currency: 'USD', status: 'executed', reason: 'damaged' }]);
    expect(d.reply.status).toBe('sent');
    expect(d.trace.map((t) => t.gate)).toHaveLength(12);
    expect(d.trace.every((t) => t.verdict === 'pass')).toBe(true);
    expect(d.entities.orderIds).toEqual(['1042']);
  });
});

describe('kill switch', () => {
  it('halts on the env flag without calling the model', async () => {
    const model = modelAnswering({ intent: 'refund_request', confidence: 1, actions: [] });
    const d = await run({ model: null }, { env: { killSwitch: true }, model });
    expect(d.outcome).toBe('halted');
    expect(model.calls).toBe(0);
    expect(gatesRan(d)).toEqual(['kill_switch:halt']);
    expect(d.stoppedAt?.reason).toMatch(/GATEHOUSE_KILL_SWITCH/);
    expect(d.reply).toEqual({ status: 'none', text: null, findings: [] });
  });

  it("halts on the org's setting, even in shadow mode (nothing ran, no wouldBe)", async () => {
    const d = await run({ settings: { killSwitch: true, mode: 'shadow' } });
    expect(d.outcome).toBe('halted');
    expect(d.wouldBe).toBeNull();
    expect(d.actions[0]?.status ?? 'not_run').toBe('not_run');
  });
});

describe('shadow mode', () => {
  it('is the default: the live outcome goes to wouldBe, nothing executes or is sent', async () => {
    const d = await run({ settings: { mode: 'shadow' } });
    expect(d.outcome).toBe('shadow');
    expect(d.wouldBe).toBe('executed');
    expect(d.actions[0].status).toBe('would_execute');
    expect(d.reply.status).toBe('would_send');
  });

  it('a new org (no settings) is in shadow mode', async () => {
    const input = scenarioWith();
    delete input.settings;
    const d = await decide(parseScenario(input));
    expect(d.outcome).toBe('shadow');
  });

  it('keeps a blocked action blocked and records the live outcome', async () => {
    const d = await run({ settings: { mode: 'shadow' }, ...proposing([refund('1044', 450)]), ticket: { body: 'order #1044 is wrong' } });
    expect(d.outcome).toBe('shadow');
    expect(d.wouldBe).toBe('blocked');
    expect(d.stoppedAt?.gate).toBe('monetary_threshold');
    expect(d.actions[0].status).toBe('blocked');
    expect(d.reply.status).toBe('held');
  });
});

describe('shadow mode runs every gate', () => {
  it('records each objection while stoppedAt and wouldBe keep the live answer', async () => {
    const d = await run({ settings: { mode: 'shadow' }, history: [], ...proposing([refund('1044', 120)]), ticket: { body: 'order #1044 is wrong' } });
    expect(d.outcome).toBe('shadow');
    expect(d.wouldBe).toBe('awaiting_approval');
    expect(d.stoppedAt?.gate).toBe('monetary_threshold');
    expect(gatesRan(d).slice(8)).toEqual(['monetary_threshold:approve', 'rate_limits:pass', 'first_time_approval:approve', 'output_guardrails:pass']);
    // nobody is asked to approve a shadow run
    expect(d.actions[0].status).toBe('not_run');
  });

  it('stops where nothing more can be judged: no model answer', async () => {
    const model = modelAnswering(async () => {
      throw new Error('down');
    });
    const d = await run({ model: null, settings: { mode: 'shadow' } }, { model });
    expect(gatesRan(d)).toEqual(['kill_switch:pass', 'shadow_mode:pass', 'classification_confidence:review']);
    expect(d.wouldBe).toBe('needs_review');
  });

  it('live mode stops at the first objection', async () => {
    const d = await run({ history: [], ...proposing([refund('1044', 120)]), ticket: { body: 'order #1044 is wrong' } });
    expect(d.trace.at(-1)?.gate).toBe('monetary_threshold');
  });
});

describe('classification confidence and a failing model', () => {
  it('passes at the minimum and reviews just below it', async () => {
    expect((await run({ model: { confidence: 0.8 } })).outcome).toBe('executed');
    const below = await run({ model: { confidence: 0.79 } });
    expect(below.outcome).toBe('needs_review');
    expect(below.stoppedAt?.gate).toBe('classification_confidence');
    expect(below.actions[0].status).toBe('not_run');
    expect(below.reply.status).toBe('held');
  });

  it('uses the configured model when the scenario has no recorded answer', async () => {
    const model = modelAnswering({ intent: 'refund_request', confidence: 0.9, actions: [refund('1042', 34)], reply: 'Done.' });
    const d = await run({ model: null }, { model });
    expect(model.calls).toBe(1);
    expect(d.outcome).toBe('executed');
    expect(d.trace[2].details?.source).toBe('test-model');
  });

  it('a model that throws sends the ticket to a person', async () => {
    const model = modelAnswering(async () => {
      throw new Error('connection refused');
    });
    const d = await run({ model: null }, { model });
    expect(d.outcome).toBe('needs_review');
    expect(d.stoppedAt).toEqual({ gate: 'classification_confidence', reason: 'the model (test-model) failed: connection refused' });
    expect(d.reply.status).toBe('none');
  });

  it('a model that does not answer in time sends the ticket to a person', async () => {
    const model = modelAnswering(() => new Promise(() => {}));
    const d = await run({ model: null }, { model, modelTimeoutMs: 20 });
    expect(d.outcome).toBe('needs_review');
    expect(d.stoppedAt?.reason).toMatch(/no answer within 20 ms/);
  });

  it.each([
    ['an unknown intent', { intent: 'refund_everything', confidence: 0.99, actions: [] }, /intent/],
    ['a negative amount', { intent: 'refund_request', confidence: 0.99, actions: [{ type: 'refund', orderId: '1042', amount: -5 }] }, /actions\[0\]\.amount/],
    ['malformed JSON text', '{"intent": "refund_req', /\(root\)|expected object/],
    ['a confidence above 1', { intent: 'refund_request', confidence: 7, actions: [] }, /confidence/],
  ])('a live model answering %s fails closed', async (_what, answer, reason) => {
    const d = await run({ model: null }, { model: modelAnswering(answer) });
    expect(d.outcome).toBe('needs_review');
    expect(d.stoppedAt?.reason).toMatch(reason);
    expect(d.actions).toEqual([]);
  });
});

describe('short circuit', () => {
  it.each([
    ['spam', 'spam'],
    ['human_request', 'human_request: the customer asks for a person'],
    ['general_inquiry', 'general_inquiry: a general inquiry'],
  ])('%s stops the run without a reply', async (intent, reason) => {
    const d = await run({ model: { intent, actions: [] } });
    expect(d.outcome).toBe('short_circuited');
    expect(d.stoppedAt).toEqual({ gate: 'short_circuit', reason });
    expect(d.reply).toEqual({ status: 'none', text: null, findings: [] });
  });

  it('an intent the org removed from the list goes on', async () => {
    const d = await run({ settings: { shortCircuit: { intents: ['spam'] } }, model: { intent: 'general_inquiry', actions: [] } });
    expect(d.outcome).toBe('executed');
    expect(gatesRan(d)).toContain('abuse_detection:skip');
    expect(gatesRan(d)).toContain('entity_validation:skip');
  });
});
