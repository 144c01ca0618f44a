import { domainError, type DomainError } from '../../domain/index.js';

type PgError = { code?: string; constraint?: string };

/**
 * What each constraint stands for: a violation comes back as the domain error the core
 * would have given, so a race the core lost still answers 409, never 500.
 */
const BY_CONSTRAINT: Record<string, () => DomainError> = {
  announcements_host_no_overlap: () => domainError('SCHEDULE.CONFLICT', { as: 'host' }),
  bookings_guest_no_overlap: () => domainError('SCHEDULE.CONFLICT', { as: 'guest' }),
  bookings_one_active_per_guest: () => domainError('BOOKING.ALREADY_BOOKED'),
  // B9's index while a rolling deploy builds it, before it takes the old one's name.
  bookings_one_active_per_guest_b9: () => domainError('BOOKING.ALREADY_BOOKED'),
  bookings_accepted_within_capacity: () => domainError('BOOKING.NO_SEATS_LEFT', {}),
  bookings_not_by_host: () => domainError('BOOKING.OWN_ANNOUNCEMENT'),
  // A seat count sent with the commit (saveSeats) that a racing change made too high; the core checks first.
  announcements_seats_within_capacity: () => domainError('BOOKING.NO_SEATS_LEFT', {}),
};

const RULE_CODES = new Set(['23505', '23P01', '23514']);

/** The domain error behind a constraint violation, or null for anything else. */
export const constraintError = (error: unknown, overrides: Record<string, () => DomainError> = {}): DomainError | null => {
  const { code, constraint } = error as PgError;
  if (!code || !RULE_CODES.has(code) || !constraint) return null;
  const translate = overrides[constraint] ?? BY_CONSTRAINT[constraint];
  return translate ? translate() : null;
};
