import { STATUS_OF, type ErrorCode } from './error-mapping.js';
import { HTTP_STATUS_OF, type HttpProblemCode } from './problem.js';
import type { RefusalCode, Route } from './route.js';

/** Any route may be sent a body (it is read, then refused if unwanted), and any may find the database away. */
const EVERY_ROUTE: readonly HttpProblemCode[] = [
  'REQUEST.INVALID', 'REQUEST.MALFORMED_JSON', 'REQUEST.MALFORMED_BODY', 'REQUEST.TOO_LARGE', 'REQUEST.UNSUPPORTED_ENCODING',
  'SERVER.ERROR', 'SERVER.UNAVAILABLE', 'SERVER.STARTING',
];

/** Writes are limited per user, and routes without a token (feeds, links) per address: rate-limit.ts. */
export const isRateLimited = (route: Pick<Route, 'method' | 'public'>): boolean => route.method !== 'get' || route.public === true;

/** Every problem code this route can answer, its own refusals first: the OpenAPI document's enum, and what tests hold answers to. */
export const problemCodesOf = (route: Route): RefusalCode[] => [...new Set<RefusalCode>([
  ...route.refusals,
  ...(route.public ? [] : ['AUTH.UNAUTHENTICATED' as const]),
  ...(route.body ? ['REQUEST.UNSUPPORTED_MEDIA_TYPE' as const] : []),
  ...(route.method !== 'get' ? ['IDEMPOTENCY.IN_PROGRESS' as const, 'IDEMPOTENCY.KEY_REUSED' as const] : []),
  ...(isRateLimited(route) ? ['REQUEST.RATE_LIMITED' as const] : []),
  ...EVERY_ROUTE,
])];

export const statusOf = (code: RefusalCode): number =>
  code in HTTP_STATUS_OF ? HTTP_STATUS_OF[code as HttpProblemCode] : STATUS_OF[code as ErrorCode];
