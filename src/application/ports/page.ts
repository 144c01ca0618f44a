/** One page of a keyset-paginated list. `nextCursor` is opaque to clients. */
export type Page<T> = { readonly items: T[]; readonly nextCursor: string | null };

/** Cursors are base64url JSON of the last row's sort key, so they survive inserts. */
export const encodeCursor = (key: object): string =>
  Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');

export const decodeCursor = (cursor: string): Record<string, unknown> | null => {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
};

/** The key of lists ordered newest first: creation time, then id as tie-breaker. */
export type TimeKey = { readonly createdAt: string; readonly id: string };

/** undefined: no cursor given; null: a cursor we never gave out. */
export const parseTimeKey = (cursor: string | undefined): TimeKey | undefined | null => {
  if (cursor === undefined) return undefined;
  const key = decodeCursor(cursor);
  if (!key || typeof key.createdAt !== 'string' || Number.isNaN(Date.parse(key.createdAt)) || typeof key.id !== 'string')
    return null;
  return { createdAt: key.createdAt, id: key.id };
};

/** Cuts a `limit + 1` fetch into a page; the extra row only says that there is more. */
export const pageOf = <R, T>(rows: readonly R[], limit: number, view: (row: R) => T, keyOf: (row: R) => object): Page<T> => {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(view),
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor({ ...keyOf(last) }) : null,
  };
};
