import type { AnnouncementState } from './announcement.types.js';

const same = (a: unknown, b: unknown): boolean => {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return a === b;
};

/** The fields, among `fields`, whose value differs between two states. */
export const diffFields = <F extends keyof AnnouncementState>(
  before: AnnouncementState,
  after: AnnouncementState,
  fields: readonly F[],
): F[] => fields.filter((field) => !same(before[field], after[field]));
