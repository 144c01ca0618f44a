import { gzipSync } from 'node:zlib';
import fc from 'fast-check';

type Schema = {
  $ref?: string; type?: string | string[]; format?: string; enum?: unknown[]; anyOf?: Schema[]; oneOf?: Schema[];
  properties?: Record<string, Schema>; required?: string[]; items?: Schema; minimum?: number; maximum?: number;
  minLength?: number; maxLength?: number; pattern?: string; default?: unknown;
};
type Parameter = { name: string; in: 'path' | 'query' | 'header'; schema: Schema };
type Document = {
  paths: Record<string, Record<string, { parameters?: Parameter[]; security?: unknown[]; requestBody?: { content: Record<string, { schema: Schema }> } }>>;
  components: { schemas: Record<string, Schema> };
};

/** `isPublic`: the operation needs no bearer token (its document says `security: []`). */
export type Operation = { method: string; path: string; parameters: Parameter[]; body?: Schema; isPublic: boolean };
export type FuzzRequest = { method: string; url: string; headers: Record<string, string>; body?: Uint8Array | string };

/** Every operation the service documents, from its own OpenAPI document. */
export const operationsOf = (doc: Document): Operation[] =>
  Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({
    method: method.toUpperCase(), path, parameters: op.parameters ?? [], isPublic: op.security?.length === 0,
    ...(op.requestBody ? { body: op.requestBody.content['application/json']!.schema } : {}),
  })));

/** Strings that have broken parsers, databases and templates somewhere. */
const HOSTILE_STRINGS = [
  '', ' ', '\u0000', 'a\u0000b', '\ud800', 'x\udfff', '🎬'.repeat(300), 'x'.repeat(5000), "' OR 1=1 --", '<script>alert(1)</script>',
  '../../etc/passwd', '%00', '${7*7}', '1e400', '-0', 'NaN', 'null', '2026-02-30T00:00:00Z', '+275760-09-13T00:00:00Z',
  '0000-01-01T00:00:00Z', '0000-12-31T23:59:59.999Z', '9999-12-31T23:59:59.999Z', '9999-12-31T23:00:00-14:00', '-000001-01-01T00:00:00Z', '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff', 'true', '[]', '{}', '\t\n\r', '\u202e', 'Ｆｉｌｍ',
];

const hostileString = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) }, fc.string({ unit: 'binary', maxLength: 40 }));
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 8, arbitrary: hostileString },
  fc.constantFrom(null, true, false, 0, -1, 1e308, -1e308, 2 ** 53 + 1, 0.5, Number.MIN_VALUE),
  fc.double(), fc.integer(),
  fc.array(fc.oneof(hostileString, fc.integer()), { maxLength: 12 }),
  fc.dictionary(hostileString, fc.oneof(hostileString, fc.integer()), { maxKeys: 3 }),
);

/** Text that stays a plausible value of its field, with one character that has broken systems: it gets past the schema. */
const nastyText = fc.tuple(
  fc.constantFrom('Film', 'Berlin', 'a'),
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom('\u0000', '\ud800', '\udfff') },
    fc.constantFrom('\u202e', '\ufeff', '🎬', "'", '"', '\\', '%', '\n', '\u0085', '\u2028'),
  ),
  fc.constantFrom(' night', '', 'x'),
).map(([a, b, c]) => `${a}${b}${c}`);
/** Numbers that stay numbers: edges, subnormals and signed zero. */
const nastyNumber = fc.oneof(fc.constantFrom(-0, 2e-323, -5e-324, 1e-300, 0.1 + 0.2, 89.99999999999999, 2 ** 31, 2 ** 53, 1e21), fc.double({ noNaN: true }));

/** A hostile value of the same type as `valid`, most of the time; any hostile value otherwise. */
const hostileLike = (valid: unknown): fc.Arbitrary<unknown> => {
  if (typeof valid === 'string') return fc.oneof({ weight: 3, arbitrary: nastyText }, hostileValue);
  if (typeof valid === 'number') return fc.oneof({ weight: 3, arbitrary: nastyNumber }, hostileValue);
  if (Array.isArray(valid)) return fc.oneof({ weight: 2, arbitrary: fc.array(nastyText, { minLength: 1, maxLength: 3 }) }, hostileValue);
  return hostileValue;
};

const DAY = 86_400_000;

export type Known = { readonly ids: readonly string[] };

/** A cursor someone made up: the shape of ours, base64url JSON, with dates, ids and scores that are almost right. */
const craftedCursor = fc.record({
  sort: fc.constantFrom('startsAt', 'rating', 'other'),
  startsAt: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.constantFrom('2030-13-01T00:00:00.000Z', '2030-02-30T00:00:00.000Z', '1', '+275760-09-13T00:00:00.000Z', '0000-06-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z'), hostileString),
  createdAt: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.constantFrom('2030-00-00T24:60:60.000Z', '0000-01-01T00:00:00.000Z', '0000-12-31T23:59:59.999Z')),
  id: fc.oneof(fc.uuid(), hostileString),
  score: fc.oneof(fc.double(), fc.constantFrom(1, 5, 0, 6)),
}).map((key) => Buffer.from(JSON.stringify(key)).toString('base64url'));

/** Query and path parameters whose valid values the schema alone does not say (a pattern, a pair, an order). */
const BY_NAME: Record<string, fc.Arbitrary<unknown>> = {
  from: fc.integer({ min: -1, max: 30 }).map((d) => new Date(Date.now() + d * DAY).toISOString()),
  to: fc.integer({ min: 31, max: 400 }).map((d) => new Date(Date.now() + d * DAY).toISOString()),
  near: fc.constantFrom('52.52,13.405', '48.857,2.352', '-16.8,179.95'),
  radiusKm: fc.constantFrom(1, 10, 250),
  tags: fc.constantFrom('snacks', 'snacks,quiet'),
  q: fc.constantFrom('matrix', 'film night'),
  city: fc.constantFrom('Berlin', 'paris'),
  movieId: fc.constantFrom('film-90', 'film-120'),
  movie_id: fc.constantFrom('film-90', 'film-120'),
  cursor: fc.oneof(fc.constantFrom('eyJzb3J0Ijoic3RhcnRzQXQifQ', 'bm9wZQ'), craftedCursor),
};

/** Values the schema accepts (mostly), so requests get past validation into the use cases. */
const validArb = (schema: Schema, doc: Document, known: Known, name?: string): fc.Arbitrary<unknown> => {
  if (name && BY_NAME[name]) return BY_NAME[name];
  if (schema.$ref) return validArb(doc.components.schemas[schema.$ref.split('/').pop()!]!, doc, known);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return fc.oneof(...union.map((s) => validArb(s, doc, known)));
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'string':
      if (schema.format === 'date-time') return fc.integer({ min: -2, max: 400 }).map((d) => new Date(Date.now() + d * DAY + 3_600_000).toISOString());
      if (schema.format === 'uuid') return fc.constantFrom(...known.ids);
      if (schema.pattern?.includes('a-z0-9')) return fc.constantFrom('snacks', 'no-pets', 'quiet');
      if (schema.pattern) return fc.constantFrom('film-90', 'film-120', 'tt0133093');
      return fc.constantFrom('Film night', 'Berlin', 'Torstraße 1', 'matrix');
    case 'integer':
      return fc.integer({ min: schema.minimum ?? 0, max: Math.min(schema.maximum ?? 200, 200) });
    case 'number':
      return fc.double({ min: schema.minimum ?? -90, max: schema.maximum ?? 90, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(validArb(schema.items ?? {}, doc, known), { maxLength: 3 });
    case 'object':
      return objectArb(schema, doc, known);
    default:
      return fc.constant('x');
  }
};

/** A valid object: required fields always, optional ones sometimes; a place's lat and lon together or not at all. */
const objectArb = (schema: Schema, doc: Document, known: Known): fc.Arbitrary<unknown> => {
  const { lat, lon, ...rest } = schema.properties ?? {};
  const fields = fc.record(Object.fromEntries(Object.entries(rest).map(([name, s]) => [name, validArb(s, doc, known)])),
    { requiredKeys: schema.required ?? [] });
  if (!lat || !lon) return fields;
  const point = fc.option(fc.record({ lat: validArb(lat, doc, known), lon: validArb(lon, doc, known) }), { nil: undefined });
  return fc.tuple(fields, point).map(([f, p]) => ({ ...(f as object), ...p }));
};

/** URL-encodes any string, lone surrogates included (as their WTF-8 bytes, which a server must cope with). */
const encode = (value: string): string =>
  [...value].map((ch) => {
    try {
      return encodeURIComponent(ch);
    } catch {
      return '%ED%A0%80';
    }
  }).join('');

type Draft = { path: Record<string, unknown>; query: Record<string, unknown>; body: unknown; headers: Record<string, string>; raw?: string | Uint8Array };

/** Sets `value` at a path of keys inside a JSON value, creating objects on the way. */
const setAt = (target: unknown, keys: readonly string[], value: unknown): unknown => {
  if (keys.length === 0) return value;
  const base = target && typeof target === 'object' && !Array.isArray(target) ? target as Record<string, unknown> : {};
  return { ...base, [keys[0]!]: setAt(base[keys[0]!], keys.slice(1), value) };
};

const valueAt = (value: unknown, keys: readonly string[]): unknown =>
  keys.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), value);

/** Every key path of an object, nested ones included: where a mutation may land. */
const keyPaths = (value: unknown, prefix: string[] = []): string[][] =>
  value && typeof value === 'object' && !Array.isArray(value)
    ? Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...keyPaths(v, [...prefix, k])])
    : [];

type Mutation = (d: Draft) => Draft;

/**
 * One mutation of a valid request: a hostile value in one field (body, query or path), an
 * unknown field, a strange header, or a body that is not what its headers say. Mutating one
 * place at a time lets the rest stay valid, so the hostile value reaches the use case and the
 * database instead of stopping at the first schema check.
 */
const mutationArb = (draft: Draft, takesBody: boolean): fc.Arbitrary<Mutation> => {
  const json = JSON.stringify(draft.body ?? {});
  const inBody: Array<fc.Arbitrary<Mutation>> = [
    ...keyPaths(draft.body).map((keys) => fc.tuple(fc.constant(keys), hostileLike(valueAt(draft.body, keys))).map(([k, v]) => (d: Draft) => ({ ...d, body: setAt(d.body, k, v) }))),
    fc.tuple(hostileString, hostileValue).map(([k, v]) => (d: Draft) => ({ ...d, body: setAt(d.body, [k], v) })),
    fc.constantFrom<Record<string, string>>({ 'Content-Type': 'text/plain' }, { 'Content-Type': 'application/json; charset=latin1' },
      { 'Content-Encoding': 'gzip' }, { 'Content-Encoding': 'br' }, { 'Content-Encoding': 'compress' })
      .map((h) => (d: Draft) => ({ ...d, headers: { ...d.headers, ...h } })),
    fc.constantFrom('{"title":', '[', 'null', '"x"', '{"a":1}{"b":2}', '\u0000', `{"title":${'['.repeat(5000)}`, json.replace(/"/, '\u0000"'))
      .map((raw) => (d: Draft) => ({ ...d, raw })),
    fc.constant((d: Draft) => ({ ...d, raw: new Uint8Array(gzipSync(JSON.stringify(d.body ?? {}))), headers: { ...d.headers, 'Content-Encoding': 'gzip' } })),
  ];
  const elsewhere: Array<fc.Arbitrary<Mutation>> = [
    ...Object.keys(draft.query).map((k) => fc.oneof(nastyText, hostileString).map((v) => (d: Draft) => ({ ...d, query: { ...d.query, [k]: v } }))),
    ...Object.keys(draft.path).map((k) => hostileString.map((v) => (d: Draft) => ({ ...d, path: { ...d.path, [k]: v } }))),
    fc.constantFrom<Record<string, string>>(
      { 'Idempotency-Key': 'x'.repeat(300) }, { 'Idempotency-Key': 'k2' }, { 'If-Match': 'soon' }, { 'If-Match': '"99999999999"' },
      { 'X-Request-Id': 'bad id!' },
    ).map((h) => (d: Draft) => ({ ...d, headers: { ...d.headers, ...h } })),
  ];
  return fc.oneof(...elsewhere, ...(takesBody ? inBody : []));
};

/** One request to one operation: valid from the schemas, then mutated in up to two places. */
export const requestArb = (op: Operation, doc: Document, known: Known): fc.Arbitrary<FuzzRequest> => {
  const params = (where: 'path' | 'query') => op.parameters.filter((p) => p.in === where);
  const valid = fc.record({
    path: fc.record(Object.fromEntries(params('path').map((p) => [p.name, validArb(p.schema, doc, known, p.name)]))),
    query: fc.record(Object.fromEntries(params('query').map((p) => [p.name, validArb(p.schema, doc, known, p.name)])), { requiredKeys: [] }),
    body: op.body ? validArb(op.body, doc, known) : fc.constant(undefined),
    // Mostly fresh keys: a reused key short-circuits to its first answer, which would hide the rest of the request.
    headers: fc.record({ 'Idempotency-Key': fc.oneof({ weight: 9, arbitrary: fc.uuid() }, fc.constant('shared-key')) }, { requiredKeys: [] }),
  });
  const takesBody = op.method !== 'GET';
  const mutations = (draft: Draft) => fc.oneof(
    fc.constant([]),
    { weight: 3, arbitrary: fc.array(mutationArb(draft, takesBody), { minLength: 1, maxLength: 1 }) },
    fc.array(mutationArb(draft, takesBody), { minLength: 2, maxLength: 2 }),
  );
  return valid.chain((draft) => mutations(draft).map((mutations) => mutations.reduce((d, m) => m(d), draft as Draft)))
    .map((d) => {
      const path = Object.entries(d.path).reduce((p, [k, v]) => p.replace(`{${k}}`, encode(String(v))), op.path);
      const query = Object.entries(d.query).map(([k, v]) => `${k}=${encode(Array.isArray(v) ? v.join(',') : String(v))}`).join('&');
      const body = !takesBody ? undefined : d.raw ?? (op.body || d.body !== undefined ? JSON.stringify(d.body ?? {}) : undefined);
      const headers = { ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...d.headers };
      return { method: op.method, url: `/api/v1${path}${query ? `?${query}` : ''}`, headers, ...(body !== undefined ? { body } : {}) };
    });
};
