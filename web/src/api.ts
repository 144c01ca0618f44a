import type { z } from 'zod';
import type * as Api from '../../src/adapters/http/responses.js';

/** The API as the page uses it: a bearer token from this tab's session, problem+json turned into readable errors. */
export type Problem = Pick<z.output<typeof Api.Problem>, 'status' | 'code' | 'title' | 'errors'> & { detail?: string };

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

/** Where the database stood after this page's last write (a server with a read replica sends it): later reads see that write. */
let readAfter: string | null = null;

const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> => {
  const token = session.token();
  const reply = await fetch(`/api/v1${path}`, {
    method,
    headers: {
      Accept: 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(readAfter ? { 'WT-Read-After': readAfter } : {}), ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  readAfter = reply.headers.get('WT-Read-After') ?? readAfter;
  return reply;
};
const refused = async (reply: Response): Promise<ApiError> =>
  new ApiError((await reply.json().catch(() => ({ status: reply.status, code: 'UNREADABLE', title: reply.statusText }))) as Problem);

export const api = async <T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> => {
  const reply = await call(method, path, body, headers);
  if (!reply.ok) throw await refused(reply);
  if (reply.status === 204) return undefined as T;
  return (await reply.json()) as T;
};

/** A file the API gives (a calendar event), fetched with the token and saved by the browser under `name`. */
export const download = async (path: string, name: string): Promise<void> => {
  const reply = await call('GET', path, undefined, { Accept: '*/*' });
  if (!reply.ok) throw await refused(reply);
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await reply.blob());
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
};

/** A booking that still holds, asks for or waits for seats (RULES: pending, accepted or waitlisted). */
export const isActive = (status: string): boolean => status === 'pending' || status === 'accepted' || status === 'waitlisted';

/** The host accepts or rejects, the guest cancels: one call for each. */
export const setBookingStatus = (bookingId: string, status: 'accepted' | 'rejected' | 'cancelled') =>
  api('PATCH', `/bookings/${bookingId}`, { status });

/**
 * The API's answers, as the server's own response schemas describe them (the same schemas the
 * OpenAPI document is made from and every test answer is checked against): no hand copies.
 */
export type Screening = z.output<typeof Api.AnnouncementDetail>;
export type ScreeningItem = z.output<typeof Api.AnnouncementListItem>;
export type Booking = z.output<typeof Api.Booking>;
export type HostBooking = z.output<typeof Api.HostBooking>;
export type BookingStatus = Booking['status'];
export type Person = z.output<typeof Api.RatedPerson>;
export type Rating = z.output<typeof Api.RatingSide>;
export type Notification = z.output<typeof Api.InboxItem>;
export type Inbox = z.output<typeof Api.NotificationPage>;
export type ScheduleItem = z.output<typeof Api.ScheduleItem>;
export type PendingRating = z.output<typeof Api.PendingRatings>['items'][number];
export type Film = z.output<typeof Api.Film>;
export type InviteLink = z.output<typeof Api.InviteLink>;
export type Page<T> = { items: T[]; nextCursor: string | null };
/** The demo sign-in (GET /dev/sign-in) is the embedded default's alone, outside the API's document. */
export type DemoSignIn = { users: Array<{ id: string; name: string; token: string }>; films: Array<{ id: string; title: string }> };
