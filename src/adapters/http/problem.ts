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

export const problem = (status: number, code: string, title: string, detail: string, more: Partial<Problem> = {}): HttpProblem =>
  new HttpProblem({ status, code, title, detail, ...more });

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
