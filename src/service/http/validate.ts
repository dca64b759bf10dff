import type { Context } from 'hono';
import type { z } from 'zod';
import { parseOrThrow } from '../../errors.ts';
import { ServiceError } from '../errors.ts';

export const MAX_BODY_BYTES = 1_000_000;

/** The JSON body, validated by the route's schema (the same schema the OpenAPI document shows). */
export async function jsonBody<T extends z.ZodType>(c: Context, schema: T): Promise<z.output<T>> {
  const type = c.req.header('content-type') ?? '';
  if (!type.includes('application/json')) throw new ServiceError(415, 'unsupported_media_type', 'send JSON with Content-Type: application/json');
  const text = await c.req.text();
  if (text.length > MAX_BODY_BYTES) throw new ServiceError(413, 'body_too_large', `the body is larger than ${MAX_BODY_BYTES} bytes`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ServiceError(400, 'invalid_json', `the body is not valid JSON: ${(error as Error).message}`);
  }
  return parseOrThrow(schema, value);
}

/** Query parameters, validated (one value per name). */
export function queryOf<T extends z.ZodType>(c: Context, schema: T): z.output<T> {
  return parseOrThrow(schema, c.req.query());
}
