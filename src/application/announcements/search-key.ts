import { decodeCursor } from '../ports/page.js';
import type { SearchKey } from '../ports/announcement-search.port.js';

const isIsoInstant = (v: unknown): v is string => typeof v === 'string' && !Number.isNaN(Date.parse(v));

/** Reads back a cursor we gave out for the same sort; anything else is refused. */
export const parseSearchCursor = (cursor: string, sort: SearchKey['sort']): SearchKey | null => {
  const key = decodeCursor(cursor);
  if (!key || key.sort !== sort || typeof key.id !== 'string' || !isIsoInstant(key.startsAt)) return null;
  if (sort === 'startsAt') return { sort, startsAt: key.startsAt, id: key.id };
  return typeof key.score === 'number' ? { sort, score: key.score, startsAt: key.startsAt, id: key.id } : null;
};
