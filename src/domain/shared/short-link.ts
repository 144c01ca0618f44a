/**
 * The public link of an announcement or a booking. The code is stored with the row it
 * points at, in the same transaction, so a refused write leaves no link behind.
 */
export type ShortLink = { readonly code: string; readonly url: string };
