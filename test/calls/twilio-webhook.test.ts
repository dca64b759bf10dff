import { describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { createVoiceWebhook } from '../../src/calls/twilio/webhook.ts';
import { createMemoryStateStore } from '../../src/calls/twilio/state-store.ts';
import { twilioSignature, verifyTwilioSignature } from '../../src/calls/twilio/signature.ts';
import type { CallResult } from '../../src/calls/result.ts';
import { exampleConfig } from './helpers.ts';

const TOKEN = 'test-auth-token';
const URL_ = 'https://calls.example.com/voice';

/** Form fields as Twilio posts them for an inbound call (recorded shape, fake SIDs). */
const base = {
  AccountSid: 'AC00000000000000000000000000000000',
  ApiVersion: '2010-04-01',
  CallSid: 'CA11111111111111111111111111111111',
  CallStatus: 'in-progress',
  Called: '+12175550100',
  Caller: '+12175550123',
  Direction: 'inbound',
  From: '+12175550123',
  To: '+12175550100',
};

function setup(config = exampleConfig(), { authToken }: { authToken?: string } = { authToken: TOKEN }) {
  const delivered: CallResult[] = [];
  const webhook = createVoiceWebhook({
    resolveBusiness: ({ to }) => (to === '+12175550100' ? { config } : null),
    stateStore: createMemoryStateStore(),
    authToken,
    clock: () => '2026-01-10T23:30:00-06:00',
    deliver: async (result) => void delivered.push(result),
  });
  const app = new Hono().route('/voice', webhook);
  const post = (fields: Record<string, string>, signature = twilioSignature(TOKEN, URL_, fields)) =>
    app.request(URL_, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature }, body: new URLSearchParams(fields).toString() });
  return { post, delivered };
}

describe('Twilio request signature', () => {
  it("matches Twilio's published example", () => {
    const params = { CallSid: 'CA1234567890ABCDE', Caller: '+14158675309', Digits: '1234', From: '+14158675309', To: '+18005551212' };
    expect(twilioSignature('12345', 'https://mycompany.com/myapp.php?foo=1&bar=2', params)).toBe('RSOYDt4T1cUTdK1PDd93/VVr8B8=');
    expect(verifyTwilioSignature('12345', 'https://mycompany.com:443/myapp.php?foo=1&bar=2', params, 'RSOYDt4T1cUTdK1PDd93/VVr8B8=')).toBe(true);
    expect(verifyTwilioSignature('12345', 'https://mycompany.com/myapp.php?foo=1&bar=2', { ...params, Digits: '1235' }, 'RSOYDt4T1cUTdK1PDd93/VVr8B8=')).toBe(false);
    expect(verifyTwilioSignature('12345', 'https://mycompany.com/myapp.php', params, undefined)).toBe(false);
  });

  it('refuses a request with a missing or forged signature before doing anything', async () => {
    const { post, delivered } = setup();
    expect((await post(base, '')).status).toBe(403);
    expect((await post(base, twilioSignature('wrong-token', URL_, base))).status).toBe(403);
    expect((await post({ ...base, From: '+15555550000' }, twilioSignature(TOKEN, URL_, base))).status).toBe(403);
    expect(delivered).toEqual([]);
  });
});

describe('voice webhook', () => {
  it('greets with a disclosure and listens for speech', async () => {
    const { post } = setup();
    const res = await post(base);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/xml/);
    const xml = await res.text();
    expect(xml).toContain('<Gather input="speech" action="/voice" method="POST"');
    expect(xml).toMatch(/<Say>Thanks for calling Acme Plumbing &amp; Heating\. I&apos;m an automated assistant\./);
    expect(xml).toContain('<Redirect method="POST">/voice</Redirect>');
  });

  it('gas: the script, then <Hangup/>, and the summary goes out once', async () => {
    const { post, delivered } = setup();
    await post(base);
    const xml = await (await post({ ...base, SpeechResult: 'hi I smell gas in my kitchen', Confidence: '0.92' })).text();
    expect(xml).toMatch(/please leave the building now.*call 911.*<\/Say><Hangup\/>/);
    await new Promise((r) => setImmediate(r));
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toMatchObject({ callId: base.CallSid, hazards: ['gas'], disposition: 'safety_escalation', afterHours: true });
    // a late status callback does not deliver twice
    expect((await post({ ...base, CallStatus: 'completed' })).status).toBe(204);
    expect(delivered).toHaveLength(1);
  });

  it('keeps state between requests and dials on-call after an urgent after-hours intake', async () => {
    const config = exampleConfig((c) => (c.afterHours = 'emergencies_to_on_call'));
    const { post, delivered } = setup(config);
    await post(base);
    for (const said of ['the sewer is backing up into the tub its urgent', 'Jane Doe', '12 Elm Street']) {
      expect(await (await post({ ...base, SpeechResult: said })).text()).toContain('<Gather');
    }
    const last = await (await post({ ...base, SpeechResult: '62701' })).text();
    expect(last).toMatch(/on-call team now.*<\/Say><Dial timeout="30"><Number>\+12175550100<\/Number><\/Dial>/);
    await new Promise((r) => setImmediate(r));
    expect(delivered[0]).toMatchObject({ disposition: 'transfer_on_call', intake: { name: 'Jane Doe', zipCode: '62701' } });
  });

  it('silence re-asks once; a hang-up mid-intake still sends the summary', async () => {
    const { post, delivered } = setup();
    await post(base);
    await post({ ...base, SpeechResult: 'my sink is clogged' });
    expect(await (await post(base)).text()).toMatch(/didn&apos;t catch that\. Can I get your name/);
    expect((await post({ ...base, CallStatus: 'completed' })).status).toBe(204);
    await new Promise((r) => setImmediate(r));
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toMatchObject({ disposition: 'message_taken', intake: { problem: 'my sink is clogged', name: null } });
  });

  it('an unknown number is told politely and hung up; no signature needed when no token is set', async () => {
    const { post } = setup(exampleConfig(), { authToken: undefined });
    expect(await (await post({ ...base, To: '+13125550000' }, 'anything')).text()).toContain('<Hangup/>');
  });
});
