import { LIMITS } from '../../domain/index.js';
import { decodeCursor, isCursorId, isCursorInstant } from '../ports/page.js';
import type { SearchKey } from '../ports/announcement-search.port.js';

const isScore = (v: unknown): v is number =>
  typeof v === 'number' && v >= LIMITS.ratingScore.min && v <= LIMITS.ratingScore.max;

/** Reads back a cursor we gave out for the same sort; anything else is refused. */
export const parseSearchCursor = (cursor: string, sort: SearchKey['sort']): SearchKey | null => {
  const key = decodeCursor(cursor);
  if (!key || key.sort !== sort || !isCursorId(key.id) || !isCursorInstant(key.startsAt)) return null;
  if (sort === 'startsAt') return { sort, startsAt: key.startsAt, id: key.id };
  return isScore(key.score) ? { sort, score: key.score, startsAt: key.startsAt, id: key.id } : null;
};
