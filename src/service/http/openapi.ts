import { z } from 'zod';

/** One documented route: the same zod schemas validate the request and describe it here. */
export interface RouteDoc {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  summary: string;
  auth: 'none' | 'session' | 'any';
  body?: z.ZodType;
  query?: z.ZodType;
  response?: z.ZodType;
  status?: number;
  errors?: number[];
}

export const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), field: z.string().optional(), details: z.record(z.string(), z.unknown()).optional() }),
});

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'openapi-3.0' }) as Record<string, unknown>;

/** Builds the OpenAPI 3 document from the route table. */
export function openApiDocument(routes: readonly RouteDoc[], version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const params = [...r.path.matchAll(/:([A-Za-z]+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    if (r.query) {
      const q = jsonSchema(r.query, 'input') as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, schema] of Object.entries(q.properties ?? {})) {
        params.push({ name, in: 'query', required: (q.required ?? []).includes(name), schema: schema as never });
      }
    }
    const responses: Record<string, unknown> = {
      [String(r.status ?? 200)]: {
        description: 'success',
        ...(r.response ? { content: { 'application/json': { schema: jsonSchema(r.response, 'output') } } } : {}),
      },
    };
    for (const code of [...(r.body ? [400] : []), ...(r.auth !== 'none' ? [401, 429] : []), ...(r.errors ?? [])]) {
      responses[String(code)] = { description: 'error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
    }
    paths[path] ??= {};
    paths[path][r.method] = {
      summary: r.summary,
      ...(params.length ? { parameters: params } : {}),
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(r.body, 'input') } } } } : {}),
      responses,
      security: r.auth === 'none' ? [] : r.auth === 'session' ? [{ session: [] }] : [{ apiKey: [] }, { session: [] }],
    };
  }
  return {
    openapi: '3.0.3',
    info: { title: 'Gatehouse API', version, description: 'Tickets in, gated decisions out; approvals, audit log, settings.' },
    paths,
    components: {
      schemas: { Error: jsonSchema(errorSchema, 'output') },
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'an API key: Authorization: Bearer gh_…' },
        session: { type: 'apiKey', in: 'cookie', name: 'gh_session' },
      },
    },
  };
}
