import { expect } from 'chai';
import type { Result } from 'neverthrow';
import type { AnnouncementDetail, BookingView } from '../../src/application/index.js';
import type { AnnouncementDraft, Notification } from '../../src/domain/index.js';
import { resolve, TOKENS } from '../../src/container.js';
import { compose, type Service } from '../../src/main.js';
import type { Backend } from '../contract/backends.js';
import { aDraft, FILM, testConfig, TestClock, useClock, USERS } from './fixtures.js';

export const ok = <T, E>(result: Result<T, E>): T => {
  if (result.isErr()) expect.fail(`expected Ok, got ${JSON.stringify(result.error)}`);
  return result._unsafeUnwrap();
};

export const failure = <T, E extends { code: string }>(result: Result<T, E>): E => {
  if (result.isOk()) expect.fail(`expected an error, got ${JSON.stringify(result.value)}`);
  return result._unsafeUnwrapErr();
};

/** The use cases as main.ts wires them, on memory storage, with a hand-moved clock. */
export class Core {
  private constructor(readonly service: Service, readonly clock: TestClock) {}

  static async start(backend: Backend, clock = new TestClock()): Promise<Core> {
    return new Core(await compose(testConfig(), { rebind: useClock(clock), storage: await backend.open() }), clock);
  }

  get uc() {
    return this.service.useCases;
  }

  async announce(draft: Partial<AnnouncementDraft> = {}, hostId: string = USERS.host, movieId: string = FILM.id): Promise<AnnouncementDetail> {
    return ok(await this.uc.createAnnouncement.execute({ hostId, movieId, draft: aDraft(draft) }));
  }

  async book(announcementId: string, guestId: string, seats = 1): Promise<BookingView> {
    return ok(await this.uc.createBooking.execute({ guestId, announcementId, seats }));
  }

  async accept(bookingId: string, hostId: string = USERS.host): Promise<BookingView> {
    return ok(await this.uc.changeBookingStatus.execute({ actorId: hostId, bookingId, status: 'accepted' }));
  }

  /** The reminder scheduler, as the worker runs it. */
  async remind(): Promise<number> {
    const report = await resolve(this.service.container, TOKENS.sendDueReminders).execute();
    if (report.failed.length > 0) throw new Error(`reminders refused: ${JSON.stringify(report.failed)}`);
    return report.done;
  }

  /** The recipient's notifications as messages (what a sender is handed), without their read state. */
  async inbox(userId: string): Promise<Notification[]> {
    return ok(await this.uc.readInbox.execute(userId, 100)).items.map(({ read: _read, ...message }) => message);
  }

  async stop(): Promise<void> {
    await this.service.close();
  }
}

/** A user id outside the directory: valid, but nameless. */
export const someone = (n: number): string => `20000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
