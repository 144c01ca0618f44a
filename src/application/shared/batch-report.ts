import type { Result } from 'neverthrow';
import type { DomainError } from '../../domain/index.js';
import type { Stores, UnitOfWork } from '../ports/unit-of-work.port.js';

/**
 * What one run of a batch job did: how many items it finished, and each one it could not —
 * with the refusal, for the worker to log (a refusal is never dropped in silence). An item
 * another worker finished first counts in neither.
 */
export type BatchReport = {
  readonly done: number;
  readonly failed: ReadonlyArray<{ readonly announcementId: string; readonly error: DomainError }>;
};

/**
 * Runs a batch job over screenings, one small transaction each, so several workers may run at
 * once (each step locks its screening and finds nothing left to do when another was first).
 * `step` answers how many items it finished there; a refusal is kept with the screening's id.
 */
export const perScreening = async (
  uow: UnitOfWork, ids: readonly string[], step: (stores: Stores, announcementId: string) => Promise<Result<number, DomainError>>,
): Promise<BatchReport> => {
  let done = 0;
  const failed: Array<BatchReport['failed'][number]> = [];
  for (const id of ids) {
    const result = await uow.transaction((stores) => step(stores, id));
    if (result.isErr()) failed.push({ announcementId: id, error: result.error });
    else done += result.value;
  }
  return { done, failed };
};
