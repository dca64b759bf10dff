import pg from 'pg';

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
