import { expect } from 'chai';
import { Core, failure, ok } from '../support/core.js';
import { USERS } from '../support/fixtures.js';
import { messagesSent } from '../support/messages-sent.js';
import { backends } from './backends.js';

/**
 * Issue 22: a booking in at most three round trips to PostgreSQL; it takes two — the screening's
 * and the guest's locks with BEGIN and every read the decision needs after them, the writes with COMMIT
 * (pg-client.ts, Batch); a detail read in one message of one statement (pg-detail-reader.ts). Counted as the messages node-postgres sends, on both SQL backends.
 */
for (const backend of backends().filter((b) => b.name !== 'memory')) {
  describe(`Round trips of a booking request on ${backend.name}`, () => {
    let core: Core;
    beforeEach(async () => {
      core = await Core.start(backend);
    });
    afterEach(() => core.stop());

    it('takes two: locks and then the reads with BEGIN, the writes with COMMIT — accepted at once, waitlisted, or pending', async () => {
      const auto = await core.announce({ approval: 'auto', capacity: 1 });
      const manual = await core.announce({ startsAt: new Date(auto.endsAt) });
      for (const [announcementId, guestId, status] of [
        [auto.id, USERS.guest, 'accepted'], [auto.id, USERS.friend, 'waitlisted'], [manual.id, USERS.other, 'pending'],
      ] as const) {
        let booked: string | undefined;
        const texts = await messagesSent(async () => {
          booked = ok(await core.uc.createBooking.execute({ guestId, announcementId })).status;
        });
        expect(booked).to.equal(status);
        expect(texts, texts.join('\n---\n')).to.have.length(2);
        // The locks lead, in that order; the reads follow them in the same message.
        expect(texts[0]).to.match(/^BEGIN;\n.*FOR UPDATE\b[^;]*;\n.*pg_advisory_xact_lock.*JOIN blocks.*FROM invitations.*'host' AS role.*b\.status IN \('waitlisted'\)/s);
        expect(texts[1]).to.match(/INSERT INTO bookings.*INSERT INTO notifications.*;\nCOMMIT$/s);
      }
    });

    it('reads a detail in one statement: screening, my booking, block, invitation, guests, ratings and waitlist', async () => {
      const a = await core.announce({ approval: 'auto', capacity: 1 });
      await core.book(a.id, USERS.guest);
      await core.book(a.id, USERS.friend);
      for (const viewer of [USERS.host, USERS.guest, USERS.friend, USERS.stranger]) {
        let detail: { guestCount: number; myBooking: { waitlistPosition: number | null } | null } | undefined;
        const texts = await messagesSent(async () => {
          detail = ok(await core.uc.getAnnouncement.execute(viewer, a.id));
        });
        expect(texts, texts.join('\n---\n')).to.have.length(1);
        expect(texts[0]!.split(';\n'), texts[0]).to.have.length(1);
        expect(detail?.guestCount).to.equal(1);
        expect(detail?.myBooking?.waitlistPosition ?? null).to.equal(viewer === USERS.friend ? 1 : null);
      }
    });

    it('sends nothing more for a refusal, and keeps nothing of it', async () => {
      const a = await core.announce({ approval: 'auto', capacity: 1 });
      await core.book(a.id, USERS.guest);
      const texts = await messagesSent(async () => {
        expect(failure(await core.uc.createBooking.execute({ guestId: USERS.friend, announcementId: a.id, waitlist: false })).code)
          .to.equal('BOOKING.NO_SEATS_LEFT');
      });
      expect(texts).to.have.length(2);
      expect(texts[1]).to.equal('ROLLBACK');
      expect(ok(await core.uc.listAnnouncementBookings.execute(USERS.host, a.id)).map((b) => b.guestId)).to.deep.equal([USERS.guest]);
    });
  });
}
