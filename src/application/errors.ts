import type { DomainError } from '../domain/index.js';

/** Failures the use cases add to the domain's own: a client sent a cursor we never gave out. */
export type ApplicationError = DomainError | { readonly code: 'PAGE.INVALID_CURSOR' };
