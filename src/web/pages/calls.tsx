import { Hono } from 'hono';
import type { DashboardDeps, WebEnv } from '../deps.ts';
import { requireSession } from '../session.ts';
import { page } from '../render.tsx';

export function callsRoutes(deps: DashboardDeps) {
  const app = new Hono<WebEnv>();
  app.get('/calls', requireSession(deps), (c) => page(c, 'Calls', 'calls', (
    <>
      <h1>Calls</h1>
      <p class="empty">The service does not store a business configuration, QA reports or call summaries yet.</p>
    </>
  )));
  return app;
}
