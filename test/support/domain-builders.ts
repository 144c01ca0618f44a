import { expect } from 'chai';
import type { Result } from 'neverthrow';
import { Announcement, Booking, type AnnouncementDraft, type Commitment } from '../../src/domain/index.js';
import { aDraft, FILM, T0, USERS } from './fixtures.js';

let n = 0;
const nextId = (): string => `00000000-0000-7000-9000-${String((n += 1)).padStart(12, '0')}`;

export const unwrap = <T, E>(result: Result<T, E>): T => {
  if (result.isErr()) expect.fail(`expected Ok, got ${JSON.stringify(result.error)}`);
  return result._unsafeUnwrap();
};

export const errorCode = <T, E extends { code: string }>(result: Result<T, E>): string => {
  if (result.isOk()) expect.fail('expected an Err, got Ok');
  return result._unsafeUnwrapErr().code;
};

export const anAnnouncement = (draft: Partial<AnnouncementDraft> = {}, hostId: string = USERS.host, now = T0): Announcement =>
  unwrap(Announcement.create({ id: nextId(), hostId, film: FILM, draft: aDraft(draft), link: { code: 'a', url: 'http://wt.test/s/a' }, now }));

export const aBooking = (announcement: Announcement, guestId: string = USERS.guest, seats = 1, commitments: Commitment[] = []): Booking =>
  unwrap(Booking.request(announcement, { id: nextId(), guestId, seats, link: { code: 'b', url: 'http://wt.test/s/b' }, now: T0, guestCommitments: commitments }))
    .booking;
