import { Problem } from '../responses.js';
import type { ResponseDoc } from '../route.js';

const PROBLEM_TEXT: Record<number, string> = {
  400: 'Malformed input; `errors[]` names each field',
  401: 'Missing, malformed, forged or expired token',
  403: 'Not allowed for this user',
  404: 'Not found, or not visible to this user',
  409: 'Conflicts with the current state',
  412: 'If-Match names an old version',
  422: 'Well-formed but breaks a rule; `errors[]` names each field',
  503: 'A neighbouring service this needs (the film catalogue) cannot answer now; try again after `Retry-After` seconds',
};

/** The problem answers a route can give, for the OpenAPI document. */
export const problems = (...statuses: number[]): Record<number, ResponseDoc> =>
  Object.fromEntries(statuses.map((s) => [s, { description: PROBLEM_TEXT[s] ?? 'Problem', schema: Problem, contentType: 'application/problem+json' }]));
