/**
 * The numbers of docs/RULES.md §2 and §3 in one place: the domain enforces them, and the HTTP
 * schemas read them from here, so the two can never disagree.
 */
export const LIMITS = {
  title: { min: 1, max: 256 },
  description: { max: 4096 },
  durationMinutes: { min: 1, max: 1440 },
  capacity: { min: 1, max: 100 },
  tags: { max: 10, pattern: /^[a-z0-9][a-z0-9-]{0,31}$/ },
  city: { min: 1, max: 100 },
  address: { min: 1, max: 256 },
  seats: { min: 1, max: 10 },
  message: { max: 1000 },
  ratingScore: { min: 1, max: 5 },
  ratingComment: { max: 1000 },
} as const;
