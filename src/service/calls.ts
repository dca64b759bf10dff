// The phone-call webhook (src/calls/twilio), wired to the database: the dialled number finds the
// business, the call's state lives in call_states (any instance can take the next turn), and the
// result is kept as a call summary of the org.
import { Hono } from 'hono';
import type { Db } from './db/port.ts';
import { run, one } from './db/port.ts';
import { withOrg } from './db/tenant.ts';
import { createVoiceWebhook } from '../calls/twilio/webhook.ts';
import type { CallStateStore } from '../calls/twilio/state-store.ts';
import { businessConfigSchema, type BusinessConfig } from '../calls/config.ts';
import { callConfigByPhone, plans } from './repo/integrations.ts';
import type { Logger } from './pipeline/context.ts';

const CALL_TTL_SECONDS = 2 * 60 * 60;

/** Call state by CallSid (unguessable, issued by the carrier); the org comes from the config. */
function dbStateStore(db: Db, orgOf: (sid: string) => string | undefined): CallStateStore {
  return {
    async get(sid) {
      const row = await one<{ state: unknown }>(db, plans.getState(sid));
      return (row?.state as never) ?? null;
    },
    async set(sid, state) {
      const orgId = orgOf(sid);
      if (!orgId) throw new Error('call state without a business');
      await run(db, plans.setState(sid, orgId, state, CALL_TTL_SECONDS));
    },
    async delete(sid) {
      await run(db, plans.deleteState(sid));
    },
  };
}

export const CALLS_PATH = '/v1/calls/voice';

/**
 * The webhook as a request handler for CALLS_PATH. Every carrier request carries CallSid and To, so
 * the org of a turn is found again on whichever instance receives it.
 */
export function callsWebhook(db: Db, opts: { authToken?: string; publicUrl?: string; log: Logger }): (request: Request) => Promise<Response> {
  const orgOfConfig = new WeakMap<BusinessConfig, string>();
  const orgOfCall = new Map<string, string>();
  const webhook = createVoiceWebhook({
    authToken: opts.authToken,
    publicUrl: opts.publicUrl,
    stateStore: dbStateStore(db, (sid) => orgOfCall.get(sid)),
    async resolveBusiness({ to }) {
      if (!to) return null;
      const row = await callConfigByPhone(db, to);
      if (!row) return null;
      const parsed = businessConfigSchema.safeParse(row.config);
      if (!parsed.success) return null;
      orgOfConfig.set(parsed.data, row.org_id);
      return { config: parsed.data };
    },
    async deliver(result, config) {
      const orgId = orgOfConfig.get(config);
      if (!orgId) return;
      await withOrg(db, orgId, (tx) => run(tx, plans.insertSummary(orgId, result.callId, result.disposition, result)));
    },
    onError: (error) => opts.log.error('call delivery failed', { error: (error as Error).message }),
  });
  const inner = new Hono().route(CALLS_PATH, webhook);
  return async (request) => {
    const form = await request.clone().formData().catch(() => null);
    const sid = form?.get('CallSid'), to = form?.get('To');
    if (typeof sid === 'string' && typeof to === 'string') {
      const row = await callConfigByPhone(db, to);
      if (row) orgOfCall.set(sid, row.org_id);
    }
    try {
      return await inner.fetch(request);
    } finally {
      if (typeof sid === 'string') orgOfCall.delete(sid);
    }
  };
}
