import { z } from 'zod';
import { booleanText } from './schemas.js';
import { Problem } from './responses.js';
import type { ResponseHeader, Route } from './route.js';
import { isRateLimited, problemCodesOf, statusOf } from './route-problems.js';

type JsonSchema = Record<string, unknown>;

const PROBLEM_TEXT: Record<number, string> = {
  400: 'Malformed input; `errors[]` names each field',
  401: 'Missing, malformed, forged or expired token',
  403: 'Not allowed for this user',
  404: 'Not found, or not visible to this user',
  409: 'Conflicts with the current state',
  412: 'If-Match names an old version',
  413: 'The body is larger than 64 kB',
  415: 'The body is not JSON, or not in an encoding this API reads',
  422: 'Well-formed but breaks a rule; `errors[]` names each field',
  429: 'Too many requests; try again after `Retry-After` seconds',
  500: 'A fault on our side; it has been logged',
  503: 'The database or a service this needs cannot answer now (or the service is starting); try again after `Retry-After` seconds',
};

const HEADERS: Record<string, JsonSchema> = {
  'X-Request-Id': { description: 'the request’s id (yours when you sent a sane one), in our logs too', schema: { type: 'string' } },
  Location: { description: 'where the new resource is', schema: { type: 'string' } },
  ETag: { description: 'the screening’s version, for If-Match', schema: { type: 'string' } },
  'Cache-Control': { description: 'how long the answer may be kept', schema: { type: 'string' } },
  'Content-Disposition': { description: 'a download, with the file name to save it under', schema: { type: 'string' } },
  'Idempotent-Replayed': { description: '`true` when this is the stored answer to an earlier request with the same Idempotency-Key', schema: { type: 'string', enum: ['true'] } },
  RateLimit: { description: 'IETF RateLimit header: the policy’s remaining requests (r) and seconds until they refill (t)', schema: { type: 'string' } },
  'RateLimit-Policy': { description: 'IETF RateLimit-Policy header: the quota (q) per window of seconds (w)', schema: { type: 'string' } },
  'Retry-After': { description: 'seconds to wait before trying again', schema: { type: 'integer' } },
  'WT-Read-After': {
    description: 'with a read replica: where the database stands after this write; send it back on your next requests to read what you wrote',
    schema: { type: 'string', pattern: '^[0-9A-F]{1,8}/[0-9A-F]{1,8}$' },
  },
};
const ref = (name: string) => ({ $ref: `#/components/headers/${name}` });

/**
 * The OpenAPI 3.1 document, generated from the very schemas the router validates requests and
 * (in tests) answers with. Schemas with a `meta({ id })` become components; requests are
 * rendered as the input a client sends. Each operation lists every status it can answer, the
 * problem codes of each as an enum, and the headers it sets.
 */
export const openApiDocument = (routes: readonly Route[], info: { title: string; version: string }, now = new Date()): JsonSchema => {
  const components: Record<string, JsonSchema> = {};
  const schemaOf = (schema: z.ZodType, io: 'input' | 'output' = 'input'): JsonSchema => {
    const { $defs, $schema: _, ...rest } = z.toJSONSchema(schema, {
      io, unrepresentable: 'any',
      // "true"/"false" in a query string: a boolean to anyone reading the document.
      override: (ctx) => { if (ctx.zodSchema === booleanText) { for (const key of Object.keys(ctx.jsonSchema)) delete ctx.jsonSchema[key]; ctx.jsonSchema.type = 'boolean'; } },
    }) as JsonSchema & { $defs?: Record<string, JsonSchema> };
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
  const problemRef = schemaOf(Problem, 'output');

  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of routes) {
    const limited = isRateLimited(route);
    const everyAnswer = { 'X-Request-Id': ref('X-Request-Id'), ...(limited ? { RateLimit: ref('RateLimit'), 'RateLimit-Policy': ref('RateLimit-Policy') } : {}) };
    const headers = [
      ...(route.ifMatch ? [{ name: 'If-Match', in: 'header', schema: { type: 'string' }, description: 'the version you read, e.g. "3"; 412 when stale' }] : []),
      ...(route.method !== 'get' ? [{ name: 'Idempotency-Key', in: 'header', schema: { type: 'string', maxLength: 255 }, description: 'replays the first answer for 24 h' }] : []),
      { name: 'WT-Read-After', in: 'header', schema: HEADERS['WT-Read-After']!.schema, description: 'the `WT-Read-After` of your last write: this request sees that write' },
    ];
    const successes = Object.entries(route.responses).map(([status, doc]) => [status, {
      description: doc.description,
      headers: {
        ...everyAnswer,
        ...Object.fromEntries((doc.headers ?? []).map((h: ResponseHeader) => [h, ref(h)])),
        ...(route.method !== 'get' ? { 'Idempotent-Replayed': ref('Idempotent-Replayed'), 'WT-Read-After': ref('WT-Read-After') } : {}),
      },
      ...(doc.schema ? { content: { [doc.contentType ?? 'application/json']: { schema: schemaOf(doc.schema, 'output') } } } : {}),
    }]);
    const byStatus = new Map<number, string[]>();
    for (const code of problemCodesOf(route)) byStatus.set(statusOf(code), [...(byStatus.get(statusOf(code)) ?? []), code]);
    const refusals = [...byStatus].sort(([a], [b]) => a - b).map(([status, codes]) => [String(status), {
      description: PROBLEM_TEXT[status] ?? 'Problem',
      headers: {
        ...everyAnswer,
        ...([409, 429, 503].includes(status) ? { 'Retry-After': ref('Retry-After') } : {}),
        ...(status === 412 ? { ETag: ref('ETag') } : {}),
        ...(route.method !== 'get' && status < 500 ? { 'Idempotent-Replayed': ref('Idempotent-Replayed') } : {}),
      },
      content: { 'application/problem+json': { schema: {
        allOf: [problemRef, { type: 'object', required: ['code'], properties: { code: { type: 'string', enum: codes } } }],
      } } },
    }]);
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
      responses: Object.fromEntries([...successes, ...refusals]),
    };
  }
  const tags = [...new Set(routes.map((r) => r.tag))].map((name) => ({ name, description: TAGS[name] ?? name }));
  return {
    openapi: '3.1.0',
    info: { ...info, description: 'Watch Together: screenings, seats and notifications. The rules: docs/RULES.md in the repository; try each operation below.',
      license: { name: 'MIT', identifier: 'MIT' } },
    servers: [{ url: '/api/v1' }],
    security: [{ bearer: [] }],
    tags,
    paths,
    components: { schemas: components, headers: HEADERS, securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
  };
};

const TAGS: Record<string, string> = {
  announcements: 'Screenings: announce, find, read, change and cancel',
  bookings: 'Asking for seats, and deciding on requests',
  ratings: 'Host and guests rate each other after a screening',
  me: 'The caller’s schedule, calendar feed and inbox',
  safety: 'Blocks, reports and attendance: trust and safety (RULES §9)',
  invitations: 'Invite links and direct invitations (RULES §10 I1, I2)',
  films: 'The film catalogue, for picking a film by its title',
};
