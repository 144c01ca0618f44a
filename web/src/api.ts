/** The API as the page uses it: a bearer token from this tab's session, problem+json turned into readable errors. */
export type FieldError = { in: string; path: string; message: string };
export type Problem = { status: number; code: string; title: string; detail?: string; errors?: FieldError[] };

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail || problem.title);
  }

  /** Messages by field path (`place.city`), for showing next to the field they name. */
  get fields(): Record<string, string> {
    return Object.fromEntries((this.problem.errors ?? []).map((e) => [e.path, e.message]));
  }
}

const TOKEN = 'wt.token';
const NAME = 'wt.name';

/**
 * The signed-in person. The token lives in sessionStorage (this tab only), is sent only in the
 * Authorization header, and never goes into a URL.
 */
/** The subject of a JWT: which screenings are mine. Read for display only: the server decides. */
const subjectOf = (token: string | null): string | null => {
  try {
    const payload = JSON.parse(atob(token!.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as { sub?: unknown };
    return typeof payload.sub === 'string' ? payload.sub : null;
  } catch {
    return null;
  }
};

export const session = {
  token: () => sessionStorage.getItem(TOKEN),
  name: () => sessionStorage.getItem(NAME),
  userId: () => subjectOf(sessionStorage.getItem(TOKEN)),
  signIn(token: string, name?: string) {
    sessionStorage.setItem(TOKEN, token);
    if (name) sessionStorage.setItem(NAME, name);
    else sessionStorage.removeItem(NAME);
  },
  signOut() {
    for (const key of [TOKEN, NAME]) sessionStorage.removeItem(key);
  },
};

export const api = async <T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> => {
  const token = session.token();
  const reply = await fetch(`/api/v1${path}`, {
    method,
    headers: { Accept: 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (reply.status === 204) return undefined as T;
  const data = (await reply.json().catch(() => ({ status: reply.status, code: 'UNREADABLE', title: reply.statusText }))) as unknown;
  if (!reply.ok) throw new ApiError(data as Problem);
  return data as T;
};

/** A booking that still holds or asks for seats (RULES: pending or accepted). */
export const isActive = (status: string): boolean => status === 'pending' || status === 'accepted';

/** The host accepts or rejects, the guest cancels: one call for each. */
export const setBookingStatus = (bookingId: string, status: 'accepted' | 'rejected' | 'cancelled') =>
  api('PATCH', `/bookings/${bookingId}`, { status });

export type Rating = { average: number | null; count: number; score: number };
export type Person = { id: string; name: string | null; rating: Rating };
export type Place = { city: string; address: string; lat?: number; lon?: number };
export type BookingStatus = 'pending' | 'accepted' | 'rejected' | 'cancelled';
export type Booking = {
  id: string; announcementId: string; guestId: string; hostId: string; seats: number; message: string | null; status: BookingStatus;
  shortUrl: string; createdAt: string; decidedAt: string | null; guest?: Person;
  announcement: { id: string; title: string; startsAt: string; status: string; place: Place; movie: { id: string; title: string } };
};
export type Screening = {
  id: string; hostId: string; movieId: string; title: string; description: string; startsAt: string; durationMinutes: number;
  place: Place; capacity: number; privacy: 'public' | 'friends'; isFree: boolean; tags: string[]; approval: 'manual' | 'auto';
  status: string; seatsTaken: number; seatsLeft: number; shortUrl: string; version: number; host: Person;
  movie: { id: string; title: string; durationMinutes?: number };
  guests?: Array<Person & { seats: number }>; myBooking?: Booking | null;
};
export type Page<T> = { items: T[]; nextCursor: string | null };
export type Notification = { id: string; type: string; link: string; title: string; body: string; createdAt: string };
export type DemoSignIn = { users: Array<{ id: string; name: string; token: string }>; films: Array<{ id: string; title: string }> };
