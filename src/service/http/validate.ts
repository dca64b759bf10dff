import type { Context } from 'hono';
import type { z } from 'zod';
import { InputError, fieldPath, parseOrThrow } from '../../errors.ts';
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
  // PostgreSQL text and jsonb cannot hold U+0000: refuse it here, naming the field, before anything is written.
  const nul = nulPath(value, []);
  if (nul) throw new InputError([{ field: fieldPath(nul) || '(body)', message: 'contains a NUL character (U+0000), which cannot be stored' }]);
  return parseOrThrow(schema, value);
}

/** The path of the first string (value or key) holding U+0000, or undefined. */
export function nulPath(value: unknown, path: PropertyKey[]): PropertyKey[] | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nulPath(value[i], [...path, i]);
      if (found) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key.includes('\u0000')) return [...path, key.replaceAll('\u0000', '\\u0000')];
      const found = nulPath(child, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}

/** Query parameters, validated (one value per name). */
export function queryOf<T extends z.ZodType>(c: Context, schema: T): z.output<T> {
  return parseOrThrow(schema, c.req.query());
}
