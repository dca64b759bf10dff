import { describe, expect, it } from 'vitest';
import { run } from './fixtures.ts';

const reply = (text: string, intent = 'order_status') => ({ model: { intent, confidence: 0.95, actions: [], reply: text } });
const competitor = { guardrails: { blockedPatterns: [{ id: 'no-competitors', category: 'competitor', kind: 'word', pattern: 'acme' }] } };

describe('output guardrails (gate 12)', () => {
  it('sends a clean reply unchanged', async () => {
    const d = await run(reply('Hi Jane, order 1042 ships tomorrow.'));
    expect(d.outcome).toBe('executed');
    expect(d.reply).toEqual({ status: 'sent', text: 'Hi Jane, order 1042 ships tomorrow.', findings: [] });
  });

  it('redacts PII and sends the redacted text, with the findings', async () => {
    const d = await run(reply('Hi Jane, write to our courier at dana.courier@gmail.com about order 1042.'));
    expect(d.outcome).toBe('executed');
    expect(d.reply.status).toBe('sent');
    expect(d.reply.text).toBe('Hi Jane, write to our courier at [email] about order 1042.');
    expect(d.reply.findings.map((f) => f.type)).toEqual(['email']);
    expect(d.trace.at(-1)).toMatchObject({ gate: 'output_guardrails', verdict: 'pass' });
  });

  it('blocks the reply when PII must block (per settings)', async () => {
    const d = await run({ ...reply('Call Dana at dana.courier@gmail.com'), settings: { guardrails: { pii: { action: 'block' } } } });
    expect(d.outcome).toBe('blocked');
    expect(d.stoppedAt?.gate).toBe('output_guardrails');
    expect(d.reply.status).toBe('blocked');
    expect(d.reply.text).toBeNull();
    // the reason names rules, never the address itself
    expect(d.stoppedAt?.reason).not.toMatch(/dana/);
  });

  it('blocks a hard violation (a competitor named) and leaves the actions not run', async () => {
    const d = await run({
      model: { intent: 'refund_request', confidence: 0.95, actions: [{ type: 'refund', orderId: '1042', amount: 34 }], reply: 'Refunded! Next time try Acme, they are cheaper.' },
      settings: competitor,
    });
    expect(d.outcome).toBe('blocked');
    expect(d.stoppedAt).toEqual({ gate: 'output_guardrails', reason: 'the reply was refused by the guardrails (blocked.no-competitors)' });
    expect(d.actions[0].status).toBe('not_run');
    expect(d.reply.findings[0]).toMatchObject({ type: 'blocked_pattern', severity: 'hard' });
  });

  it('appends missing required content, or blocks when the rule says so', async () => {
    const rule = { id: 'refund-policy', when: { intents: ['refund_request'] }, mustMatch: 'refund policy', text: 'See our refund policy: https://store.example/refunds' };
    const appended = await run({ settings: { guardrails: { required: [rule] } } });
    expect(appended.outcome).toBe('executed');
    expect(appended.reply.text).toMatch(/See our refund policy: https:\/\/store\.example\/refunds$/);
    const blocked = await run({ settings: { guardrails: { required: [{ ...rule, mode: 'block' }] } } });
    expect(blocked.outcome).toBe('blocked');
    expect(blocked.reply.status).toBe('blocked');
    // a rule for another intent does not apply
    expect((await run({ ...reply('Order 1042 ships tomorrow.'), settings: { guardrails: { required: [{ ...rule, mode: 'block' }] } } })).outcome).toBe('executed');
  });

  it('shadow mode: a reply live would send is would_send, redacted', async () => {
    const d = await run({ ...reply('Reach us at dana.courier@gmail.com'), settings: { mode: 'shadow' } });
    expect(d.outcome).toBe('shadow');
    expect(d.reply).toMatchObject({ status: 'would_send', text: 'Reach us at [email]' });
  });

  it('is skipped when the model drafted no reply', async () => {
    const d = await run({ model: { intent: 'order_status', confidence: 0.95, actions: [], reply: null } });
    expect(d.trace.at(-1)).toMatchObject({ gate: 'output_guardrails', verdict: 'skip' });
    expect(d.reply.status).toBe('none');
  });
});

describe('the built-in local model', () => {
  it('runs when the scenario has no recorded answer, and the gates still decide', async () => {
    const d = await run({ model: null, settings: { mode: 'live' } });
    expect(d.trace[2]).toMatchObject({ gate: 'classification_confidence' });
    expect(d.trace[2].details?.source ?? d.stoppedAt?.reason).toBeTruthy();
    expect(d.intent).toBe('refund_request');
    // whatever it proposed went through the same gates
    for (const a of d.actions) expect(['executed', 'awaiting_approval', 'blocked', 'not_run']).toContain(a.status);
  });
});
