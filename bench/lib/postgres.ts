import pg from 'pg';
import { existsSync } from 'node:fs';

/** Whether a PostgreSQL server answers at `url` (benchmarks skip with a message when it does not). */
export async function postgresReachable(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

const SOCKET_DIRS = ['/var/run/postgresql', '/tmp'];

/**
 * The same server over its Unix socket, when `url` names this machine and the socket is there:
 * what an operator running the service beside PostgreSQL configures (a loopback TCP round trip
 * costs more CPU in the kernel than a socket's, and a ticket takes several). BENCH_PG_TCP=1 keeps TCP.
 */
export function viaLocalSocket(url: string): { url: string; socket: boolean } {
  const u = new URL(url);
  if (process.env.BENCH_PG_TCP === '1' || !['127.0.0.1', 'localhost', '::1', '[::1]'].includes(u.hostname) || u.searchParams.has('host')) return { url, socket: false };
  const dir = SOCKET_DIRS.find((d) => existsSync(`${d}/.s.PGSQL.${u.port || 5432}`));
  if (!dir) return { url, socket: false };
  u.searchParams.set('host', dir);
  return { url: u.toString(), socket: true };
}
