import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { InputError } from '../../errors.ts';
import { ServiceError } from '../errors.ts';
import { VersionConflict } from '../repo/settings.ts';
import type { Logger } from '../pipeline/context.ts';

/** Every error as `{ error: { code, message, field? } }`; a bug answers 500 without its details. */
export function errorResponse(error: unknown, c: Context, log: Logger): Response {
  if (error instanceof ServiceError) {
    return c.json({ error: { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}), ...(error.details ? { details: error.details } : {}) } }, error.status);
  }
  if (error instanceof InputError) {
    const first = error.issues[0];
    return c.json({ error: { code: 'invalid_input', message: error.message, field: first?.field ?? '', details: { issues: error.issues } } }, 400);
  }
  if (error instanceof VersionConflict) {
    return c.json({ error: { code: 'version_conflict', message: error.message, field: 'version', details: { current: error.current } } }, 409);
  }
  // a unique constraint the request ran into (an address another org uses, a phone number taken)
  if ((error as { code?: string })?.code === '23505') {
    return c.json({ error: { code: 'already_exists', message: 'that value is already in use' } }, 409);
  }
  if (error instanceof HTTPException) {
    return c.json({ error: { code: error.status === 404 ? 'not_found' : 'http_error', message: error.message || 'request refused' } }, error.status);
  }
  log.error('unhandled error', { path: c.req.path, method: c.req.method, error: (error as Error)?.stack ?? String(error) });
  return c.json({ error: { code: 'internal', message: 'something went wrong on our side' } }, 500);
}
