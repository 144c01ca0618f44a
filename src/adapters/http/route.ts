import type { Context } from 'koa';
import type { Result } from 'neverthrow';
import type { z } from 'zod';
import type { ApplicationError } from '../../application/index.js';
import type { ErrorCode } from './error-mapping.js';
import type { HttpProblemCode } from './problem.js';

export type HttpMethod = 'get' | 'post' | 'patch' | 'put' | 'delete';

/** What a handler answers when the use case succeeded. */
export type Answer = {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
};

export type RouteInput<P, Q, B> = {
  readonly userId: string;
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  /** The version named by `If-Match`, when given. */
  readonly ifMatch?: number;
};

/** Headers a success may carry beyond those every answer has (X-Request-Id, and the rate limit's). */
export type ResponseHeader = 'Location' | 'ETag' | 'Cache-Control' | 'Content-Disposition';

/** A success answer: its schema (strict, checked against every answer in tests) and headers. */
export type ResponseDoc = {
  readonly description: string;
  readonly schema?: z.ZodType;
  readonly contentType?: string;
  readonly headers?: readonly ResponseHeader[];
};

/** A refusal a route may answer beyond those the router gives every route (router-problems.ts). */
export type RefusalCode = ErrorCode | HttpProblemCode;

/**
 * One operation of the API: the router runs it and the OpenAPI document describes it, from
 * the same schemas. Every API operation needs a token unless it is `public`; service endpoints have their own router.
 */
export type Route<P extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType> = {
  readonly method: HttpMethod;
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly tag: string;
  readonly deprecated?: boolean;
  /** Needs no bearer token (a calendar app's feed URL carries its own secret); `userId` is then ''. */
  readonly public?: boolean;
  readonly params?: P;
  readonly query?: Q;
  readonly body?: B;
  /** A request body that succeeds in the embedded default, for the docs page's "Try it out"; dates relative to `now`. */
  readonly example?: (now: Date) => z.input<B>;
  readonly ifMatch?: boolean;
  /** The successes this operation answers, by status. */
  readonly responses: Readonly<Record<number, ResponseDoc>>;
  /** The refusals its use case (or its handler) may answer: the OpenAPI document lists them, tests hold answers to them. */
  readonly refusals: readonly RefusalCode[];
  readonly handle: (
    input: RouteInput<z.output<P>, z.output<Q>, z.output<B>>,
    ctx: Context,
  ) => Promise<Result<Answer, ApplicationError>>;
};

/** Keeps each route's handler typed by its own schemas while routes share one list type. */
export const route = <P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(def: Route<P, Q, B>): Route => def;

/** Aliases see their input loosely typed: their own schemas checked it already. */
type AnyInput = RouteInput<Record<string, string>, unknown, Record<string, unknown>>;

/** The same operation under the original design's path (RULES §6 aliases), its input mapped onto the target's. */
export const alias = (
  target: Route,
  over: { method: HttpMethod; path: string; params: z.ZodType; body?: z.ZodType; mapInput: (input: AnyInput) => AnyInput },
): Route => ({
  ...target,
  method: over.method,
  path: over.path,
  params: over.params,
  body: over.body ?? target.body,
  // The target's example fits the target's body; an alias with a body of its own shows none.
  example: over.body ? undefined : target.example,
  deprecated: true,
  operationId: `${target.operationId}Legacy${over.method[0]!.toUpperCase()}${over.method.slice(1)}`,
  summary: `${target.summary} (original design’s path)`,
  handle: (input, ctx) => target.handle(over.mapInput(input as AnyInput), ctx),
});

/** For aliases whose input already has the target's shape. */
export const sameInput = (input: AnyInput): AnyInput => input;
