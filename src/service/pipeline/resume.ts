import { run, sql } from '../db/port.ts';
import { withOrg } from '../db/tenant.ts';
import { getSettings } from '../repo/settings.ts';
import { enqueue } from '../repo/jobs.ts';
import { plans as ticketPlans } from '../repo/tickets.ts';
import type { ServiceContext } from './context.ts';

/**
 * Start-up with the environment's kill switch off: tickets it halted are decided now, for every
 * org whose own kill switch is off too. (The org's switch resumes its own tickets when turned off.)
 */
export async function resumeHaltedTickets(ctx: ServiceContext): Promise<number> {
  if (ctx.env.killSwitch) return 0;
  const orgs = await run<{ org_id: string }>(ctx.db, sql(`SELECT DISTINCT org_id FROM tickets WHERE status = 'halted'`));
  let resumed = 0;
  for (const { org_id: orgId } of orgs) {
    resumed += await withOrg(ctx.db, orgId, async (tx) => {
      if ((await getSettings(tx, orgId)).settings.killSwitch) return 0;
      const halted = await run<{ id: string }>(tx, ticketPlans.haltedTickets(orgId));
      for (const t of halted) {
        await run(tx, ticketPlans.requeue(orgId, t.id));
        await enqueue(tx, orgId, 'ticket', { ticketId: t.id });
      }
      return halted.length;
    });
  }
  return resumed;
}
