export type ProblemLocation = 'body' | 'query' | 'path' | 'header';
export type ProblemField = { readonly in: ProblemLocation; readonly path: string; readonly message: string };

export type Problem = {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly errors?: readonly ProblemField[];
  readonly headers?: Readonly<Record<string, string>>;
  /** Extension members, e.g. seatsLeft. */
  readonly extra?: Readonly<Record<string, unknown>>;
};

/** An answer the HTTP adapter gives on its own (auth, validation, idempotency, routing). */
export class HttpProblem extends Error {
  constructor(readonly problem: Problem) {
    super(`${problem.status} ${problem.code}: ${problem.detail}`);
  }
}

/**
 * The problems the HTTP adapter answers on its own, with their statuses — the core's refusals
 * are in error-mapping.ts. Which of them each route can answer is in router-problems.ts.
 */
export const HTTP_STATUS_OF = {
  'REQUEST.INVALID': 400,
  'REQUEST.MALFORMED_JSON': 400,
  'REQUEST.MALFORMED_BODY': 400,
  'REQUEST.TOO_LARGE': 413,
  'REQUEST.UNSUPPORTED_MEDIA_TYPE': 415,
  'REQUEST.UNSUPPORTED_ENCODING': 415,
  'AUTH.UNAUTHENTICATED': 401,
  'IDEMPOTENCY.IN_PROGRESS': 409,
  'IDEMPOTENCY.KEY_REUSED': 422,
  'REQUEST.RATE_LIMITED': 429,
  'SERVER.ERROR': 500,
  'SERVER.UNAVAILABLE': 503,
  'SERVER.STARTING': 503,
  'NEIGHBOUR.UNAVAILABLE': 503,
} as const;
export type HttpProblemCode = keyof typeof HTTP_STATUS_OF;

export const problem = (code: HttpProblemCode, title: string, detail: string, more: Partial<Problem> = {}): HttpProblem =>
  new HttpProblem({ status: HTTP_STATUS_OF[code], code, title, detail, ...more });

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** RFC 9457 body; `type` is a URN per code, so clients can switch on either. */
export const problemBody = (p: Problem): Record<string, unknown> => ({
  type: `urn:watch-together:problem:${p.code.toLowerCase()}`,
  title: p.title,
  status: p.status,
  detail: p.detail,
  code: p.code,
  ...(p.errors ? { errors: p.errors } : {}),
  ...p.extra,
});
