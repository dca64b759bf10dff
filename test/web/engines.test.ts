// Every page renders on each engine (PGlite, and PostgreSQL when DATABASE_URL is set): the
// dashboard's own aggregate queries run on both.
import { expect, it } from 'vitest';
import { createApp } from '../../src/service/app.ts';
import { createDashboard } from '../../src/web/index.ts';
import { describeEngines, api, drain, makeOrg } from '../helpers/service.ts';
import { refundTicket } from '../helpers/fixtures.ts';
import { STORE, LIVE_REVIEW } from './harness.ts';

describeEngines('dashboard pages', (svc) => {
  it('render for a signed-in person with tickets, approvals and audit entries', async () => {
    const app = createApp(svc().deps, { mounts: [{ path: '/', app: createDashboard({ ...svc().deps, db: svc().db }) }] });
    const org = await makeOrg(svc(), { settings: LIVE_REVIEW, ...STORE });
    await api(svc(), 'POST', '/v1/tickets', { as: org.key, body: refundTicket('e-1', 'jane@example.com', '3000', 120) });
    await api(svc(), 'POST', '/v1/tickets', { as: org.key, body: refundTicket('e-2', 'jane@example.com', '3001', 20) });
    await drain(svc());
    const expectations: Array<[string, RegExp]> = [
      ['/', /Outcomes per day[^]*aria-label="\d{4}-\d{2}-\d{2}: Executed 1, Awaiting approval 1"/],
      ['/inbox', /Refund for order #3000[^]*Refund for order #3001|Refund for order #3001[^]*Refund for order #3000/],
      ['/tickets/e-1', /stopped here/],
      ['/approvals', /\$120\.00/],
      ['/audit', /action\.awaiting_approval/],
      ['/settings', /Version 1/],
      ['/shadow', /No tickets were decided in shadow mode yet/],
    ];
    for (const [path, re] of expectations) {
      const res = await app.request(path, { headers: { cookie: org.cookie } });
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-security-policy'), path).toContain("script-src 'self'");
      expect(await res.text(), path).toMatch(re);
    }
  });
});
