import { Hono } from 'hono';
import { withOrg } from '../../db/tenant.ts';
import { run } from '../../db/port.ts';
import { InputError } from '../../../errors.ts';
import { getSettings, saveSettings } from '../../repo/settings.ts';
import { appendAudit } from '../../repo/audit.ts';
import { enqueue } from '../../repo/jobs.ts';
import { plans as ticketPlans } from '../../repo/tickets.ts';
import { shadowReport } from '../../repo/reports.ts';
import { deepMerge } from '../../../tickets/settings.ts';
import type { Queryable } from '../../db/port.ts';
import type { AppEnv, HttpDeps } from '../env.ts';
import type { RouteDoc } from '../openapi.ts';
import { jsonBody, queryOf } from '../validate.ts';
import { killSwitchBody, putSettingsBody, reportQuery } from '../schemas.ts';
import type { ServiceContext } from '../../pipeline/context.ts';

export const settingsRoutes: RouteDoc[] = [
  { method: 'get', path: '/v1/settings', summary: "The org's settings (merged over the defaults), version and kill switches", auth: 'any' },
  { method: 'put', path: '/v1/settings', summary: 'Validate and save a new version (errors name the field; `version` guards against concurrent edits)', auth: 'any', body: putSettingsBody, errors: [409] },
  { method: 'post', path: '/v1/settings/kill-switch', summary: "Turn the org's kill switch on or off (a new settings version)", auth: 'any', body: killSwitchBody },
  { method: 'get', path: '/v1/reports/shadow', summary: 'Shadow mode: outcomes per gate and the money that would have moved', auth: 'any', query: reportQuery },
];

function view(ctx: ServiceContext, s: Awaited<ReturnType<typeof getSettings>>) {
  return { version: s.version, settings: s.settings, saved: s.value, updatedAt: s.updatedAt, updatedBy: s.updatedBy, killSwitch: { org: s.settings.killSwitch, env: ctx.env.killSwitch } };
}

/** Tickets the kill switch halted wait; when it goes off they are decided again. */
async function resumeHalted(tx: Queryable, orgId: string): Promise<number> {
  const halted = await run<{ id: string }>(tx, ticketPlans.haltedTickets(orgId));
  for (const t of halted) {
    await run(tx, ticketPlans.requeue(orgId, t.id));
    await enqueue(tx, orgId, 'ticket', { ticketId: t.id });
  }
  return halted.length;
}

export function settingsRouter({ ctx }: HttpDeps) {
  const app = new Hono<AppEnv>();

  const save = async (orgId: string, actor: string, value: Record<string, unknown>, version?: number) => {
    const result = await withOrg(ctx.db, orgId, async (tx) => {
      const before = await getSettings(tx, orgId);
      let saved;
      try {
        saved = await saveSettings(tx, orgId, value, actor, version);
      } catch (error) {
        if (error instanceof InputError) throw error.under('settings');
        throw error;
      }
      await appendAudit(tx, orgId, { type: 'settings', event: 'settings.updated', status: `v${saved.version}`, actor, input: value, output: { version: saved.version, mode: saved.settings.mode, killSwitch: saved.settings.killSwitch } });
      const resumed = before.settings.killSwitch && !saved.settings.killSwitch && !ctx.env.killSwitch ? await resumeHalted(tx, orgId) : 0;
      return { saved, resumed };
    });
    if (result.resumed) ctx.wake?.();
    return result.saved;
  };

  app.get('/settings', async (c) => {
    const orgId = c.get('principal').orgId;
    return c.json(view(ctx, await withOrg(ctx.db, orgId, (tx) => getSettings(tx, orgId))));
  });

  app.put('/settings', async (c) => {
    const body = await jsonBody(c, putSettingsBody);
    const p = c.get('principal');
    return c.json(view(ctx, await save(p.orgId, p.actor, body.settings, body.version)));
  });

  app.post('/settings/kill-switch', async (c) => {
    const body = await jsonBody(c, killSwitchBody);
    const p = c.get('principal');
    const current = await withOrg(ctx.db, p.orgId, (tx) => getSettings(tx, p.orgId));
    const value = deepMerge(current.value, { killSwitch: body.on }) as Record<string, unknown>;
    return c.json(view(ctx, await save(p.orgId, p.actor, value)));
  });

  app.get('/reports/shadow', async (c) => {
    const q = queryOf(c, reportQuery);
    const orgId = c.get('principal').orgId;
    return c.json(await withOrg(ctx.db, orgId, (tx) => shadowReport(tx, orgId, q)));
  });
  return app;
}
