import type { DomainError } from '../../domain/index.js';

/**
 * What one run of a batch job did: how many items it finished, and each one it could not —
 * with the refusal, for the worker to log (a refusal is never dropped in silence). An item
 * another worker finished first counts in neither.
 */
export type BatchReport = {
  readonly done: number;
  readonly failed: ReadonlyArray<{ readonly announcementId: string; readonly error: DomainError }>;
};
