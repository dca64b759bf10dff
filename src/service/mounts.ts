import { Hono } from 'hono';
import type { HttpDeps } from './http/env.ts';
import type { ServiceEnv } from './config.ts';
import { callsWebhook, CALLS_PATH } from './calls.ts';
import { createInboundEmailRoute } from '../adapters/mail/route.ts';
import { orgByInboundAddress } from './repo/integrations.ts';
import { submitTicket } from './pipeline/submit.ts';

export interface Mount {
  path: string;
  app: Hono<any>;
}

/**
 * Routers mounted beside the API: the phone-call webhook, the inbound e-mail webhook, and the
 * dashboard at '/' when its module exists (loaded by computed specifier, so the service starts
 * while it is being built).
 */
export async function optionalMounts(deps: HttpDeps, env: Partial<ServiceEnv> = {}): Promise<Mount[]> {
  const { ctx } = deps;
  const mounts: Mount[] = [];

  const voice = callsWebhook(ctx.db, { authToken: env.TWILIO_AUTH_TOKEN, publicUrl: env.GATEHOUSE_PUBLIC_URL && `${env.GATEHOUSE_PUBLIC_URL.replace(/\/$/, '')}${CALLS_PATH}`, log: ctx.log });
  mounts.push({ path: CALLS_PATH, app: new Hono().post('/', (c) => voice(c.req.raw)) });

  mounts.push({
    path: '/v1/inbound/email',
    app: createInboundEmailRoute({
      secret: env.GATEHOUSE_INBOUND_SECRET ?? null,
      mailgunSigningKey: env.MAILGUN_SIGNING_KEY ?? null,
      resolveOrgByAddress: (address) => orgByInboundAddress(ctx.db, address),
      // the thread travels with the ticket so a reply can be sent in it
      submitTicket: ({ orgId, ticket, thread }) => submitTicket(ctx, orgId, { ticket: { ...ticket, id: String(ticket.id) }, thread }, { idOnly: true }),
    }),
  });

  const web = await tryImport<{ createDashboard?: (d: unknown) => Hono<any> | Promise<Hono<any>> }>('../web/index.ts');
  if (web?.createDashboard) mounts.push({ path: '/', app: await web.createDashboard({ ...deps, db: ctx.db }) });
  return mounts;
}

async function tryImport<T>(relative: string): Promise<T | null> {
  const url = new URL(relative, import.meta.url);
  try {
    const { existsSync } = await import('node:fs');
    if (!existsSync(url)) return null;
    return (await import(url.href)) as T;
  } catch (error) {
    process.stderr.write(`gatehouse: could not load ${relative}: ${(error as Error).message}\n`);
    return null;
  }
}
