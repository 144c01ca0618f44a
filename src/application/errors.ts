import type { DomainError } from '../domain/index.js';

/**
 * Failures the use cases add to the domain's own: a client sent a cursor we never gave out, or
 * a calendar feed secret that is unknown or was replaced.
 */
export type ApplicationError = DomainError | { readonly code: 'PAGE.INVALID_CURSOR' } | { readonly code: 'CALENDAR_FEED.NOT_FOUND' };

/**
 * Thrown (not returned) when storage cannot be reached: infrastructure broke, nothing was
 * decided, and the client may retry. The HTTP adapter answers 503.
 */
export class StorageUnavailableError extends Error {
  override readonly name = 'StorageUnavailableError';
}

/**
 * Thrown (not returned) by a neighbour's adapter when that service cannot answer — down, slow,
 * or answering nonsense. The use cases decide what that means: names go missing, friendship
 * is not assumed, a film that cannot be looked up stops the write (503).
 */
export class NeighbourUnavailableError extends Error {
  override readonly name = 'NeighbourUnavailableError';

  constructor(readonly neighbour: string, message: string, options?: ErrorOptions) {
    super(`${neighbour}: ${message}`, options);
  }
}
