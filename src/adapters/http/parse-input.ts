import type { Context } from 'koa';
import type { z } from 'zod';
import { unstorableText } from './plain-text-input.js';
import { problem, type ProblemField, type ProblemLocation } from './problem.js';
import type { Route } from './route.js';

const fieldsOf = (where: ProblemLocation, error: z.ZodError): ProblemField[] =>
  error.issues.map((issue) => ({
    in: where,
    path: issue.path.map(String).join('.'),
    message: issue.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')}` : issue.message,
  }));

const parse = (schema: z.ZodType | undefined, value: unknown, where: ProblemLocation, errors: ProblemField[]): unknown => {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  errors.push(...fieldsOf(where, result.error));
  return undefined;
};

/** `If-Match: "3"`, `W/"3"` or `3` → 3; `*` matches any version. */
const parseIfMatch = (header: string, errors: ProblemField[]): number | undefined => {
  if (header === '' || header === '*') return undefined;
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (match) return Number(match[1]);
  errors.push({ in: 'header', path: 'If-Match', message: 'must be a version number, e.g. "3"' });
  return undefined;
};

export type ParsedInput = { params: unknown; query: unknown; body: unknown; ifMatch?: number };

/** Every part of the request checked at once, so one 400 names every bad field. */
export const parseInput = (route: Route, ctx: Context): ParsedInput => {
  const raw = (ctx.request as { body?: unknown }).body;
  const unstorable = [...unstorableText(ctx.params, 'path'), ...unstorableText(ctx.query, 'query'), ...unstorableText(raw, 'body')];
  if (unstorable.length > 0)
    throw problem('REQUEST.INVALID', 'Invalid request', 'Some text cannot be stored.', { errors: unstorable });
  const errors: ProblemField[] = [];
  const body = route.body ? parse(route.body, raw === undefined || raw === null ? {} : raw, 'body', errors) : undefined;
  const input: ParsedInput = {
    params: parse(route.params, ctx.params, 'path', errors),
    query: parse(route.query, { ...ctx.query }, 'query', errors),
    body,
    ifMatch: route.ifMatch ? parseIfMatch(ctx.get('If-Match'), errors) : undefined,
  };
  if (!route.body && raw !== undefined && raw !== null && Object.keys(raw).length > 0)
    errors.push({ in: 'body', path: '', message: 'this operation takes no body' });
  if (errors.length > 0) throw problem('REQUEST.INVALID', 'Invalid request', 'Some parts of the request are malformed.', { errors });
  return input;
};
