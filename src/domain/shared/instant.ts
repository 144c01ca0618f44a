/**
 * The instants the service takes and gives, everywhere (start times, filters, cursors, every
 * date it writes): years 0001 to 9999. JavaScript holds far more (±275 760 years), PostgreSQL
 * refuses year 0000 and reads `+10000-…` as nothing it knows, and `toISOString()` writes four
 * digits only inside this range, which is the form the API promises. One range, so that an
 * instant accepted at the edge can never be refused by the database, nor written back in a
 * form its reader does not take.
 */
export const INSTANT_RANGE = {
  /** 0001-01-01T00:00:00.000Z */
  min: -62_135_596_800_000,
  /** 9999-12-31T23:59:59.999Z */
  max: 253_402_300_799_999,
} as const;

export const isInstantInRange = (instant: Date): boolean => {
  const ms = instant.getTime();
  return ms >= INSTANT_RANGE.min && ms <= INSTANT_RANGE.max;
};
