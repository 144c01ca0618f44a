import { z } from 'zod';
import type { Route } from './route.js';

type JsonSchema = Record<string, unknown>;

/**
 * The OpenAPI 3.1 document, generated from the very schemas the router validates with.
 * Schemas with a `meta({ id })` become components; everything is rendered as the input a
 * client sends (transforms are server-side details).
 */
export const openApiDocument = (routes: readonly Route[], info: { title: string; version: string }, now = new Date()): JsonSchema => {
  const components: Record<string, JsonSchema> = {};
  const schemaOf = (schema: z.ZodType): JsonSchema => {
    const { $defs, $schema: _, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema & {
      $defs?: Record<string, JsonSchema>;
    };
    const relink = <T>(value: T): T => JSON.parse(JSON.stringify(value).replaceAll('"#/$defs/', '"#/components/schemas/')) as T;
    for (const [id, def] of Object.entries($defs ?? {})) components[id] = relink(def);
    return relink(rest);
  };
  const parametersOf = (schema: z.ZodType | undefined, where: 'path' | 'query'): JsonSchema[] => {
    if (!schema) return [];
    const object = schemaOf(schema) as { properties?: Record<string, JsonSchema>; required?: string[] };
    return Object.entries(object.properties ?? {}).map(([name, s]) => ({
      name, in: where, required: where === 'path' || (object.required ?? []).includes(name),
      schema: s, ...(s.description ? { description: s.description } : {}),
    }));
  };

  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of routes) {
    const headers = [
      ...(route.ifMatch ? [{ name: 'If-Match', in: 'header', schema: { type: 'string' }, description: 'the version you read, e.g. "3"; 412 when stale' }] : []),
      ...(route.method !== 'get' ? [{ name: 'Idempotency-Key', in: 'header', schema: { type: 'string', maxLength: 255 }, description: 'replays the first answer for 24 h' }] : []),
    ];
    (paths[route.path] ??= {})[route.method] = {
      operationId: route.operationId,
      summary: route.summary,
      tags: [route.tag],
      ...(route.deprecated ? { deprecated: true } : {}),
      ...(route.public ? { security: [] } : {}),
      parameters: [...parametersOf(route.params, 'path'), ...parametersOf(route.query, 'query'), ...headers],
      ...(route.body ? { requestBody: { required: true, content: { 'application/json': {
        schema: schemaOf(route.body), ...(route.example ? { example: route.example(now) } : {}),
      } } } } : {}),
      responses: Object.fromEntries(Object.entries(route.responses).map(([status, doc]) => [status, {
        description: doc.description,
        ...(doc.schema ? { content: { [doc.contentType ?? 'application/json']: { schema: schemaOf(doc.schema) } } } : {}),
      }])),
    };
  }
  return {
    openapi: '3.1.0',
    info: { ...info, description: 'Watch Together: screenings, seats and notifications. The rules: docs/RULES.md in the repository; try each operation below.' },
    servers: [{ url: '/api/v1' }],
    security: [{ bearer: [] }],
    paths,
    components: { schemas: components, securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
  };
};
