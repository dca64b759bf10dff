import { describe, expect, it } from 'vitest';
import { openTestDb, api, type TestService } from '../helpers/service.ts';
import { startService } from '../../src/service/server.ts';
import { readServiceEnv } from '../../src/service/config.ts';
import { openDb } from '../../src/service/db/open.ts';

const env = readServiceEnv({ GATEHOUSE_WORKERS: '0', GATEHOUSE_LOG: 'warn', GATEHOUSE_DEMO_PASSWORD: 'demo-password-for-tests' } as NodeJS.ProcessEnv);

describe('first start', () => {
  it('on an empty database: a demo org in shadow mode with a user, a key, a store and decided tickets', async () => {
    const { db, drop } = await openTestDb('pglite');
    const service = await startService(env, { db, listen: false });
    try {
      expect(service.demo).toMatchObject({ email: 'demo@gatehouse.local', password: 'demo-password-for-tests' });
      const svc = { app: service.app } as TestService;
      const login = await api(svc, 'POST', '/v1/auth/login', { body: { email: service.demo!.email, password: service.demo!.password } });
      expect(login.status).toBe(200);
      const tickets = await api(svc, 'GET', '/v1/tickets', { as: service.demo!.apiKey });
      expect(tickets.body.items.length).toBeGreaterThanOrEqual(8);
      expect(tickets.body.items.every((t: { outcome: string }) => t.outcome === 'shadow')).toBe(true);
      const settings = await api(svc, 'GET', '/v1/settings', { as: service.demo!.apiKey });
      expect(settings.body.settings.mode).toBe('shadow');
      const report = await api(svc, 'GET', '/v1/reports/shadow', { as: service.demo!.apiKey });
      expect(report.body.tickets).toBeGreaterThanOrEqual(8);
    } finally {
      await service.close();
      await drop();
    }
  });

  it.skipIf(!process.env.DATABASE_URL)('two instances starting together on an empty PostgreSQL create one demo org', async () => {
    const { db, schema, drop } = await openTestDb('postgres');
    const other = await openDb({ databaseUrl: process.env.DATABASE_URL, schema });
    const [a, b] = await Promise.all([startService(env, { db, listen: false }), startService(env, { db: other, listen: false })]);
    try {
      expect([a.demo, b.demo].filter(Boolean)).toHaveLength(1);
      const orgs = await db.executeSql<{ n: number }>('SELECT count(*)::int AS n FROM orgs');
      expect(orgs.rows[0].n).toBe(1);
    } finally {
      await a.close();
      await b.close();
      await other.close();
      await drop();
    }
  });
});
