import { InputError } from '../errors.ts';
import { readServiceEnv } from './config.ts';
import { startService } from './server.ts';

/** `gatehouse serve|start` (and `npm start`): the service on PGlite, or PostgreSQL with DATABASE_URL. */
export async function runServe(opts: { port?: string } = {}): Promise<number> {
  let env;
  try {
    env = readServiceEnv(opts.port ? { ...process.env, PORT: opts.port } : process.env);
  } catch (error) {
    if (error instanceof InputError) {
      process.stderr.write(`gatehouse: invalid environment: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const service = await startService(env);
  const where = env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${env.GATEHOUSE_DATA_DIR}`;
  const lines = [`Gatehouse is running at ${service.url}  (data: ${where})`];
  if (service.demo) {
    lines.push(
      '',
      'First start: a demo organisation was created (shadow mode: nothing is executed or sent).',
      `  Sign in:  ${service.url}/   e-mail ${service.demo.email}   password ${service.demo.password}`,
      `  API key:  ${service.demo.apiKey}   (shown once; create more in Settings > API keys)`,
      `  Try:      curl -H 'Authorization: Bearer ${service.demo.apiKey}' ${service.url}/v1/tickets`,
    );
  }
  process.stdout.write(lines.join('\n') + '\n');
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await service.close();
  return 0;
}
