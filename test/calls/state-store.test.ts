import { describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { createMemoryStateStore } from '../../src/calls/twilio/state-store.ts';
import { createVoiceWebhook } from '../../src/calls/twilio/webhook.ts';
import { twilioSignature } from '../../src/calls/twilio/signature.ts';
import { openCall } from '../../src/calls/engine.ts';
import { defaultGuardrailSettings } from '../../src/guardrails/settings.ts';
import { exampleConfig } from './helpers.ts';

describe('memory call-state store', () => {
  it('returns copies, and forgets a call after its time to live', async () => {
    let now = 0;
    const store = createMemoryStateStore({ ttlMs: 1000, now: () => now });
    const { state } = openCall({ config: exampleConfig(), guardrails: defaultGuardrailSettings }, { callId: 'CA1', now: '2026-01-12T10:00:00-06:00' });
    await store.set('CA1', state);
    const copy = (await store.get('CA1'))!;
    copy.transcript.push({ role: 'caller', text: 'changed' });
    expect((await store.get('CA1'))!.transcript).toHaveLength(1);
    now = 999;
    expect(await store.get('CA1')).not.toBeNull();
    now = 2000; // 1,001 ms after the last write
    expect(await store.get('CA1')).toBeNull();
    await store.set('CA2', state);
    await store.delete('CA2');
    expect(await store.get('CA2')).toBeNull();
  });
});

describe('signature behind a proxy', () => {
  it('checks the signature against the public URL Twilio called, not the internal one', async () => {
    const config = exampleConfig();
    const publicUrl = 'https://calls.acme.example/twilio/voice';
    const app = new Hono().route('/voice', createVoiceWebhook({ resolveBusiness: () => ({ config }), stateStore: createMemoryStateStore(), authToken: 'tok', publicUrl, clock: () => '2026-01-12T10:00:00-06:00', deliver: async () => {} }));
    const fields = { CallSid: 'CA9', From: '+12175550123', To: '+12175550100' };
    const post = (signature: string) => app.request('http://10.0.0.5:3000/voice', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature }, body: new URLSearchParams(fields).toString() });
    expect((await post(twilioSignature('tok', publicUrl, fields))).status).toBe(200);
    expect((await post(twilioSignature('tok', 'http://10.0.0.5:3000/voice', fields))).status).toBe(403);
  });
});
