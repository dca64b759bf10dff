// Gives each service test suite its engine(s): one PGlite per test file (always closed), and the
// same suite on PostgreSQL when DATABASE_URL is set, in a fresh schema dropped afterwards.
import { afterAll, beforeAll, describe } from 'vitest';
import { ENGINES, startTestService, type EngineOptions, type TestService } from './harness.ts';

export * from './harness.ts';

/**
 * `describeEngines('tickets', (svc) => { it(...) })`: the suite once per engine; `svc()` is the
 * running service of that engine (opened in beforeAll, closed in afterAll).
 */
export function describeEngines(name: string, suite: (svc: () => TestService) => void, opts: EngineOptions = {}) {
  for (const engine of ENGINES) {
    describe(`${name} [${engine}]`, () => {
      let service: (TestService & { close(): Promise<void> }) | undefined;
      beforeAll(async () => {
        service = await startTestService(engine, opts);
      }, 180_000); // opening PGlite takes seconds, more on a busy machine
      afterAll(async () => {
        await service?.close();
      });
      suite(() => service!);
    });
  }
}

