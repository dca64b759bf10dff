import type { Db } from '../service/db/port.ts';
import type { HttpDeps } from '../service/http/env.ts';
import type { Principal } from '../service/repo/accounts.ts';

/** What the service hands the dashboard (src/service/mounts.ts): its HTTP deps plus the database. */
export type DashboardDeps = HttpDeps & { db: Db };

/** Hono variables of a signed-in dashboard request. */
export type WebEnv = {
  Variables: {
    principal: Principal;
    sessionToken: string;
    csrf: string;
    /** waiting approvals, for the nav badge */
    awaiting: number;
    orgName: string;
  };
};
