import type { Hono } from 'hono';
import type { HttpDeps } from './http/env.ts';

/**
 * Routers other parts of Gatehouse provide, mounted when their module exists: the dashboard at
 * '/', the phone-call webhook at '/v1/calls/voice'. Loaded by computed specifier so the service
 * starts while they are being built.
 */
export async function optionalMounts(deps: HttpDeps): Promise<Array<{ path: string; app: Hono<any> }>> {
  const mounts: Array<{ path: string; app: Hono<any> }> = [];
  const web = await tryImport<{ createDashboard?: (d: unknown) => Hono<any> | Promise<Hono<any>> }>('../web/index.ts');
  if (web?.createDashboard) mounts.push({ path: '/', app: await web.createDashboard({ ...deps, db: deps.ctx.db }) });
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
