import type { Clock, IdGenerator, InviteTokens } from '../application/index.js';
import type { AnnouncementDraft } from '../domain/index.js';

/** Five people; in the repository's test directory, only `friend` is the host's friend. */
export const USERS = {
  host: '10000000-0000-4000-8000-000000000001',
  guest: '10000000-0000-4000-8000-000000000002',
  friend: '10000000-0000-4000-8000-000000000003',
  other: '10000000-0000-4000-8000-000000000004',
  stranger: '10000000-0000-4000-8000-000000000005',
} as const;

export const FILM = { id: 'film-90', title: 'Ninety Minutes', durationMinutes: 90 } as const;
export const LONG_FILM = { id: 'film-120', title: 'Two Hours', durationMinutes: 120 } as const;

export const T0 = new Date('2030-03-01T12:00:00Z');
export const HOUR = 3600_000;
export const DAY = 24 * HOUR;
export const at = (offsetMs: number): Date => new Date(T0.getTime() + offsetMs);

/** Great-circle distance in km on earthdistance's sphere (radius 6378.168 km), which PostgreSQL's near= filter uses: what a search's answer is checked against. */
export const greatCircleKm = (a: { readonly lat: number; readonly lon: number }, b: { readonly lat: number; readonly lon: number }): number => {
  const rad = (d: number) => (d * Math.PI) / 180;
  const h = Math.sin(rad(b.lat - a.lat) / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lon - a.lon) / 2) ** 2;
  return 2 * 6378.168 * Math.asin(Math.min(1, Math.sqrt(h)));
};

/** A clock the test moves by hand. */
export class TestClock implements Clock {
  constructor(private current: Date = T0) {}
  now(): Date {
    return new Date(this.current.getTime());
  }
  set(to: Date): void {
    this.current = to;
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** Readable, ordered ids: 00000000-0000-7000-8000-000000000001, …002, … */
export class SequentialIds implements IdGenerator {
  private n = 0;
  next(): string {
    this.n += 1;
    return `00000000-0000-7000-8000-${String(this.n).padStart(12, '0')}`;
  }
}

/** Object Mother: a valid screening tomorrow evening unless told otherwise. */
export const aDraft = (overrides: Partial<AnnouncementDraft> = {}): AnnouncementDraft => ({
  title: 'Film night',
  description: 'Bring snacks',
  startsAt: at(DAY + 8 * HOUR),
  place: { city: 'Berlin', address: 'Torstraße 1', lat: 52.529, lon: 13.401 },
  capacity: 4,
  ...overrides,
});

/**
 * InviteTokens for tests and for trying the core: the token is the link's id read backwards, so
 * it is readable and no secret is needed. Guessable: never in a service (it has HmacInviteTokens).
 */
export class ReadableInviteTokens implements InviteTokens {
  tokenOf(linkId: string): string {
    return [...linkId].reverse().join('');
  }
  hashOf(token: string): string | null {
    return /^[0-9a-f-]{36}$/.test(token) ? `plain:${token}` : null;
  }
}
