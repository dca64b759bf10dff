// A Twilio-compatible voice webhook as a hono app: Twilio POSTs form-encoded CallSid, From, To and (after
// a <Gather>) SpeechResult; we answer TwiML. The call's state sits in a CallStateStore between requests.
// The service mounts it (e.g. `app.route('/voice', createVoiceWebhook(...))`).
import { Hono } from 'hono';
import type { GuardrailSettings } from '../../guardrails/settings.ts';
import { defaultGuardrailSettings } from '../../guardrails/settings.ts';
import type { BusinessConfig } from '../config.ts';
import { hangUp, hearCaller, onCallPhones, openCall, type CallContext, type CallState, type Step } from '../engine.ts';
import { buildResult, type CallResult } from '../result.ts';
import { verifyTwilioSignature, type FormParams } from './signature.ts';
import type { CallStateStore } from './state-store.ts';
import { dialTwiml, gatherTwiml, hangupTwiml, type VoiceOptions } from './twiml.ts';

export interface ResolvedBusiness {
  config: BusinessConfig;
  guardrails?: GuardrailSettings;
}

export interface VoiceWebhookOptions {
  /** Which business this call is for (by the number called, or the mount path); null refuses the call. */
  resolveBusiness: (request: { to: string | null; url: string }) => Promise<ResolvedBusiness | null> | ResolvedBusiness | null;
  stateStore: CallStateStore;
  /** When set, every request must carry a valid X-Twilio-Signature. */
  authToken?: string;
  /** The public URL Twilio calls, when a proxy rewrites host or scheme (signatures are over that URL). */
  publicUrl?: string;
  /** Called once per call when it ends, with the result (summary and recipients); not awaited by the
   * response, so the caller never waits on delivery. Failures go to `onError`, never to Twilio. */
  deliver: (result: CallResult, config: BusinessConfig) => Promise<void>;
  /** The instant a call starts (ISO 8601); the edge's clock, injectable for tests. */
  clock?: () => string;
  voice?: VoiceOptions;
  onError?: (error: unknown) => void;
}

const ENDED_STATUSES = new Set(['completed', 'canceled', 'failed', 'busy', 'no-answer']);

export function createVoiceWebhook(options: VoiceWebhookOptions): Hono {
  const { resolveBusiness, stateStore, authToken, publicUrl, deliver, clock = () => new Date().toISOString(), voice = {}, onError = () => {} } = options;
  const app = new Hono();

  app.post('/', async function twilioVoice(c) {
    const params = formParams(await c.req.parseBody({ all: true }));
    const url = publicUrl ? publicUrl + new URL(c.req.url).search : c.req.url;
    if (authToken && !verifyTwilioSignature(authToken, url, params, c.req.header('x-twilio-signature'))) {
      return c.text('invalid signature', 403);
    }
    const callSid = one(params.CallSid);
    if (!callSid) return c.text('CallSid is required', 400);
    const business = await resolveBusiness({ to: one(params.To), url });
    if (!business) return twiml(c, hangupTwiml("Sorry, this number isn't set up yet. Goodbye.", voice));
    const ctx: CallContext = { config: business.config, guardrails: business.guardrails ?? defaultGuardrailSettings };
    const action = new URL(c.req.url).pathname;

    const state = await stateStore.get(callSid);
    const status = one(params.CallStatus);
    if (status && ENDED_STATUSES.has(status)) {
      // status callback: the caller hung up mid-intake; the summary still goes out
      if (state && !state.ended) void finish(ctx, hangUp(ctx, state));
      await stateStore.delete(callSid);
      return c.body(null, 204);
    }
    const step: Step = state ? hearCaller(ctx, state, one(params.SpeechResult) ?? '') : openCall(ctx, { callId: callSid, now: clock(), callerNumber: one(params.From) });
    if (step.state.ended) {
      await stateStore.delete(callSid);
      // not awaited: the caller must hear the safety script now, not after an SMTP round trip
      if (!state?.ended) void finish(ctx, step.state);
    } else {
      await stateStore.set(callSid, step.state);
    }
    if (step.action === 'listen') return twiml(c, gatherTwiml(step.say, action, voice));
    const phones = onCallPhones(ctx.config);
    if (step.action === 'dial' && phones.length) return twiml(c, dialTwiml(step.say, phones, voice));
    return twiml(c, hangupTwiml(step.say, voice));
  });

  async function finish(ctx: CallContext, state: CallState): Promise<void> {
    try {
      await deliver(buildResult(ctx.config, state), ctx.config);
    } catch (error) {
      onError(error);
    }
  }
  return app;
}

function twiml(c: { body: (data: string, status: 200, headers: Record<string, string>) => Response }, xml: string): Response {
  return c.body(xml, 200, { 'content-type': 'text/xml; charset=utf-8' });
}

function formParams(body: Record<string, unknown>): FormParams {
  const out: FormParams = {};
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === 'string') out[key] = value;
    else if (Array.isArray(value)) out[key] = value.filter((v): v is string => typeof v === 'string');
  }
  return out;
}

function one(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? (value[0] ?? null) : value;
}
