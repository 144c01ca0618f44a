import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type pg from 'pg';
import { backends, type TestStorage } from './backends.js';

/**
 * The database repeats every rule a constraint can express (RULES §2–§3). These tests bypass
 * the core entirely — plain SQL — and watch each constraint and trigger refuse, by name: drop
 * one from a migration and its test fails.
 */
const HOST = '50000000-0000-4000-8000-000000000001';
const GUEST = '50000000-0000-4000-8000-000000000002';
const T = new Date('2031-01-10T18:00:00Z');
const minutes = (n: number) => new Date(T.getTime() + n * 60_000);
let codes = 0;
const shortCode = () => `bk${String((codes += 1)).padStart(10, '0')}`;

type Row = Record<string, unknown>;
const announcement = (o: Row = {}): Row => ({
  id: randomUUID(), host_id: HOST, movie_id: 'm1', movie_title: 'Film', movie_duration_minutes: 90, title: 'Night', description: '',
  starts_at: T, duration_minutes: 90, ends_at: minutes(90), city: 'Berlin', address: 'Mitte', lat: null, lon: null, capacity: 4,
  privacy: 'public', is_free: true, tags: [], approval: 'manual', status: 'open', seats_taken: 0, short_code: shortCode(),
  short_url: 'http://x/s/a', created_at: T, updated_at: T, version: 1, start_set_at: minutes(-7 * 24 * 60), ...o,
});
const booking = (a: Row, o: Row = {}): Row => ({
  id: randomUUID(), announcement_id: a.id, guest_id: GUEST, host_id: a.host_id, seats: 1, message: null, status: 'pending',
  short_code: shortCode(), short_url: 'http://x/s/b', starts_at: a.starts_at, ends_at: a.ends_at, created_at: T, updated_at: T,
  decided_at: null, ...o,
});

for (const backend of backends().filter((b) => b.name !== 'memory')) {
  describe(`Database backstops, in plain SQL, on ${backend.name}`, () => {
    let storage: TestStorage & { pool?: pg.Pool };
    let db: pg.Pool;
    beforeEach(async () => {
      storage = await backend.open();
      db = storage.pool!;
    });
    afterEach(() => storage.close());

    const insert = (table: string, row: Row) => {
      const keys = Object.keys(row);
      return db.query(`INSERT INTO ${table} (${keys.join(', ')}) VALUES (${keys.map((_, i) => `$${i + 1}`).join(', ')})`, Object.values(row));
    };
    /** Runs `statements` in one transaction; resolves to the error PostgreSQL raised, at any statement or at commit. */
    const refusal = async (...statements: Array<(client: pg.PoolClient) => Promise<unknown>>): Promise<{ code?: string; constraint?: string }> => {
      const client = await db.connect();
      try {
        await client.query('BEGIN');
        for (const statement of statements) await statement(client);
        await client.query('COMMIT');
        return {};
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        const { code, constraint } = error as { code?: string; constraint?: string };
        return { code, constraint };
      } finally {
        client.release();
      }
    };
    const into = (table: string, row: Row) => (client: pg.PoolClient) => {
      const keys = Object.keys(row);
      return client.query(`INSERT INTO ${table} (${keys.join(', ')}) VALUES (${keys.map((_, i) => `$${i + 1}`).join(', ')})`, Object.values(row));
    };
    const sql = (text: string, values: unknown[] = []) => (client: pg.PoolClient) => client.query(text, values);
    const CHECK = '23514';

    it('takes a valid screening and booking (the baseline every refusal below departs from)', async () => {
      const a = announcement({ lat: 52.5, lon: 13.4, tags: ['snacks'] });
      expect(await refusal(into('announcements', a), into('bookings', booking(a)))).to.deep.equal({});
    });

    describe('announcements', () => {
      const cases: Array<[string, Row, string, string]> = [
        ['an empty title', { title: '   ' }, CHECK, 'announcements_title_check'],
        ['a title over 256 characters', { title: 'x'.repeat(257) }, CHECK, 'announcements_title_check'],
        ['a description over 4096 characters', { description: 'x'.repeat(4097) }, CHECK, 'announcements_description_check'],
        ['a film of 0 minutes', { movie_duration_minutes: 0 }, CHECK, 'announcements_movie_duration_minutes_check'],
        ['a duration over a day', { duration_minutes: 1441, ends_at: minutes(1441) }, CHECK, 'announcements_duration_minutes_check'],
        ['an end that is not start plus duration', { ends_at: minutes(91) }, CHECK, 'announcements_ends_after_duration'],
        ['an empty city', { city: ' ' }, CHECK, 'announcements_city_check'],
        ['an address over 256 characters', { address: 'x'.repeat(257) }, CHECK, 'announcements_address_check'],
        ['a latitude beyond 90', { lat: 90.5, lon: 0 }, CHECK, 'announcements_lat_check'],
        ['a longitude beyond 180', { lat: 0, lon: -180.5 }, CHECK, 'announcements_lon_check'],
        ['a latitude without a longitude', { lat: 10 }, CHECK, 'announcements_lat_lon_together'],
        ['no seats', { capacity: 0 }, CHECK, 'announcements_capacity_check'],
        ['more than 100 seats', { capacity: 101 }, CHECK, 'announcements_capacity_check'],
        ['an unknown privacy', { privacy: 'secret' }, CHECK, 'announcements_privacy_check'],
        ['an unknown approval', { approval: 'lottery' }, CHECK, 'announcements_approval_check'],
        ['an unknown status', { status: 'paused' }, CHECK, 'announcements_status_check'],
        ['eleven tags', { tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }, CHECK, 'announcements_tags_check'],
        ['more seats taken than offered (B2, A4)', { capacity: 2, seats_taken: 3 }, CHECK, 'announcements_seats_within_capacity'],
        ['fewer than no seats taken', { seats_taken: -1 }, CHECK, 'announcements_seats_within_capacity'],
        ['a version 0', { version: 0 }, CHECK, 'announcements_version_check'],
        ['a short code with a slash', { short_code: 'ab/cd' }, CHECK, 'announcements_short_code_format'],
        ['a start set after the start itself', { start_set_at: minutes(1) }, CHECK, 'announcements_start_set_before_start'],
      ];
      for (const [what, change, code, constraint] of cases)
        it(`refuses ${what}`, async () => {
          expect(await refusal(into('announcements', announcement(change)))).to.deep.equal({ code, constraint });
        });

      it('refuses a second active screening of the host that overlaps the first (A2), but not a cancelled one', async () => {
        await insert('announcements', announcement());
        expect(await refusal(into('announcements', announcement({ starts_at: minutes(89), ends_at: minutes(179) }))))
          .to.deep.equal({ code: '23P01', constraint: 'announcements_host_no_overlap' });
        expect(await refusal(into('announcements', announcement({ starts_at: minutes(90), ends_at: minutes(180) })))).to.deep.equal({});
        expect(await refusal(into('announcements', announcement({ starts_at: minutes(30), ends_at: minutes(120), status: 'cancelled' })))).to.deep.equal({});
      });

      it('refuses a short code another screening has', async () => {
        await insert('announcements', announcement({ short_code: 'samecode0001' }));
        expect(await refusal(into('announcements', announcement({ starts_at: minutes(600), ends_at: minutes(690), short_code: 'samecode0001' }))))
          .to.deep.equal({ code: '23505', constraint: 'announcements_by_short_code' });
      });
    });

    describe('bookings', () => {
      let a: Row;
      beforeEach(async () => {
        a = announcement({ capacity: 3 });
        await insert('announcements', a);
      });

      const cases: Array<[string, () => Row, string, string]> = [
        ['the host booking their own screening (B1)', () => booking(a, { guest_id: HOST }), CHECK, 'bookings_not_by_host'],
        ['a party of none', () => booking(a, { seats: 0 }), CHECK, 'bookings_seats_check'],
        ['a party of eleven', () => booking(a, { seats: 11 }), CHECK, 'bookings_seats_check'],
        ['a message over 1000 characters', () => booking(a, { message: 'x'.repeat(1001) }), CHECK, 'bookings_message_check'],
        ['an unknown status', () => booking(a, { status: 'on-hold' }), CHECK, 'bookings_status_check'],
        ['a waiting booking marked as ended with its screening', () => booking(a, { status: 'waitlisted', cancelled_with_announcement: true }), CHECK, 'bookings_cancelled_with_announcement_is_cancelled'],
        ['a pending booking marked as ended with its screening', () => booking(a, { cancelled_with_announcement: true }), CHECK, 'bookings_cancelled_with_announcement_is_cancelled'],
        ['a short code with a space', () => booking(a, { short_code: 'a b' }), CHECK, 'bookings_short_code_format'],
        ['a booking of a screening that does not exist', () => booking({ ...a, id: randomUUID() }), '23503', 'bookings_announcement_id_fkey'],
      ];
      for (const [what, row, code, constraint] of cases)
        it(`refuses ${what}`, async () => {
          expect(await refusal(into('bookings', row()))).to.deep.equal({ code, constraint });
        });

      it('refuses a second active booking of one guest for one screening (B4), but not after a cancelled one', async () => {
        await insert('bookings', booking(a, { status: 'cancelled' }));
        await insert('bookings', booking(a));
        expect(await refusal(into('bookings', booking(a)))).to.deep.equal({ code: '23505', constraint: 'bookings_one_active_per_guest' });
      });

      it('refuses a guest’s active bookings of screenings that overlap (B3), but not a rejected one', async () => {
        const other = announcement({ host_id: '50000000-0000-4000-8000-000000000003', starts_at: minutes(60), ends_at: minutes(150) });
        await insert('announcements', other);
        await insert('bookings', booking(a));
        expect(await refusal(into('bookings', booking(other)))).to.deep.equal({ code: '23P01', constraint: 'bookings_guest_no_overlap' });
        expect(await refusal(into('bookings', booking(other, { status: 'rejected' })))).to.deep.equal({});
      });

      describe('the seat check at commit (B2): accepted seats are what the screening counts, within its capacity', () => {
        const accepted = { status: 'accepted' };
        const count = (n: number) => sql('UPDATE announcements SET seats_taken = $2 WHERE id = $1', [a.id, n]);

        it('takes accepted seats the screening counted', async () => {
          expect(await refusal(into('bookings', booking(a, { ...accepted, seats: 2 })), count(2))).to.deep.equal({});
        });

        it('refuses an accepted booking inserted without being counted', async () => {
          expect(await refusal(into('bookings', booking(a, accepted)))).to.deep.equal({ code: CHECK, constraint: 'bookings_accepted_within_capacity' });
        });

        it('refuses a booking accepted by an update without being counted (not only on insert)', async () => {
          const b = booking(a);
          await insert('bookings', b);
          expect(await refusal(sql("UPDATE bookings SET status = 'accepted' WHERE id = $1", [b.id])))
            .to.deep.equal({ code: CHECK, constraint: 'bookings_accepted_within_capacity' });
        });

        it('refuses a bigger party on an accepted booking without counting it', async () => {
          const b = booking(a, accepted);
          expect(await refusal(into('bookings', b), count(1))).to.deep.equal({});
          expect(await refusal(sql('UPDATE bookings SET seats = 2 WHERE id = $1', [b.id])))
            .to.deep.equal({ code: CHECK, constraint: 'bookings_accepted_within_capacity' });
        });

        it('refuses a counter that says fewer seats than the accepted bookings hold, even within capacity', async () => {
          expect(await refusal(into('bookings', booking(a, { ...accepted, seats: 2 })), count(1)))
            .to.deep.equal({ code: CHECK, constraint: 'bookings_accepted_within_capacity' });
        });

        it('refuses accepted seats beyond the capacity, however they are counted', async () => {
          const guests = ['50000000-0000-4000-8000-000000000011', '50000000-0000-4000-8000-000000000012'];
          expect(await refusal(
            into('bookings', booking(a, { ...accepted, seats: 2, guest_id: guests[0] })),
            into('bookings', booking(a, { ...accepted, seats: 2, guest_id: guests[1] })),
            count(3),
          )).to.deep.equal({ code: CHECK, constraint: 'bookings_accepted_within_capacity' });
        });
      });
    });

    describe('notifications, idempotency keys and ratings', () => {
      it('refuses a notification of an unknown type', async () => {
        const n = { id: randomUUID(), type: 'booking.lost', recipient_id: GUEST, announcement_id: randomUUID(), link: 'x', title: 't', body: 'b', created_at: T };
        expect(await refusal(into('notifications', n))).to.deep.equal({ code: CHECK, constraint: 'notifications_type_check' });
      });

      describe('the outbox', () => {
        const note = (o: Row = {}): Row => ({
          id: randomUUID(), type: 'announcement.reminder_1h', recipient_id: GUEST, announcement_id: randomUUID(), link: 'x', title: 't',
          body: 'b', created_at: T, reminder_for: minutes(60), next_attempt_at: T, ...o,
        });

        it('keeps one reminder per person, kind and start time (RULES §4, not sent twice), and another for a new start', async () => {
          const first = note();
          await insert('notifications', first);
          expect(await refusal(into('notifications', note({ announcement_id: first.announcement_id }))))
            .to.deep.equal({ code: '23505', constraint: 'notifications_one_reminder' });
          expect(await refusal(into('notifications', note({ announcement_id: first.announcement_id, reminder_for: minutes(120) })))).to.deep.equal({});
          expect(await refusal(into('notifications', note({ announcement_id: first.announcement_id, type: 'announcement.reminder_24h' })))).to.deep.equal({});
        });

        it('refuses a reminder without its start time, a start time on another kind, and a message both delivered and dead', async () => {
          expect(await refusal(into('notifications', note({ reminder_for: null })))).to.deep.equal({ code: CHECK, constraint: 'notifications_reminder_for_reminders' });
          expect(await refusal(into('notifications', note({ type: 'booking.created' })))).to.deep.equal({ code: CHECK, constraint: 'notifications_reminder_for_reminders' });
          expect(await refusal(into('notifications', note({ delivered_at: T, dead_at: T })))).to.deep.equal({ code: CHECK, constraint: 'notifications_delivered_or_dead' });
          expect(await refusal(into('notifications', note({ attempts: -1 })))).to.deep.equal({ code: CHECK, constraint: 'notifications_attempts_check' });
        });
      });

      it('refuses an empty idempotency key, and one key twice for one user', async () => {
        expect(await refusal(into('idempotency_keys', { user_id: GUEST, key: '', fingerprint: 'f', created_at: T }))).to.deep.equal({ code: CHECK, constraint: 'idempotency_keys_key_check' });
        await insert('idempotency_keys', { user_id: GUEST, key: 'k', fingerprint: 'f', created_at: T });
        expect(await refusal(into('idempotency_keys', { user_id: GUEST, key: 'k', fingerprint: 'g', created_at: T }))).to.deep.equal({ code: '23505', constraint: 'idempotency_keys_pkey' });
      });

      describe('ratings (§5)', () => {
        let a: Row;
        const rating = (o: Row = {}): Row => ({ announcement_id: a.id, rater_id: GUEST, ratee_id: HOST, ratee_role: 'host', score: 5, ...o });
        beforeEach(async () => {
          a = announcement({ status: 'done' });
          await insert('announcements', a);
        });

        const cases: Array<[string, Row, string, string]> = [
          ['a score of 0', { score: 0 }, CHECK, 'ratings_score_check'],
          ['a score of 6', { score: 6 }, CHECK, 'ratings_score_check'],
          ['a comment over 1000 characters', { comment: 'x'.repeat(1001) }, CHECK, 'ratings_comment_check'],
          ['an unknown side', { ratee_role: 'critic' }, CHECK, 'ratings_ratee_role_check'],
          ['rating oneself', { rater_id: HOST }, CHECK, 'ratings_not_self'],
        ];
        for (const [what, change, code, constraint] of cases)
          it(`refuses ${what}`, async () => {
            expect(await refusal(into('ratings', rating(change)))).to.deep.equal({ code, constraint });
          });

        it('keeps one rating per screening, rater and ratee', async () => {
          await insert('ratings', rating());
          expect(await refusal(into('ratings', rating({ score: 4 })))).to.deep.equal({ code: '23505', constraint: 'ratings_pkey' });
        });

        it('keeps both sides’ sums and counts through insert, update and delete, and leaves the score to the domain', async () => {
          const sides = async () => (await db.query('SELECT host_sum, host_count, guest_sum, guest_count FROM user_ratings WHERE user_id = $1', [HOST])).rows[0];
          const score = async () => Number((await db.query('SELECT host_score FROM announcements WHERE id = $1', [a.id])).rows[0].host_score);
          await insert('ratings', rating());
          await insert('ratings', rating({ rater_id: '50000000-0000-4000-8000-000000000009', score: 3 }));
          await insert('ratings', rating({ rater_id: '50000000-0000-4000-8000-000000000010', ratee_role: 'guest', score: 4 }));
          expect(await sides()).to.deep.equal({ host_sum: 8, host_count: 2, guest_sum: 4, guest_count: 1 });
          await db.query('UPDATE ratings SET score = 1 WHERE rater_id = $1 AND ratee_id = $2', [GUEST, HOST]);
          expect((await sides()).host_sum).to.equal(4);
          await db.query('DELETE FROM ratings WHERE rater_id = $1', [GUEST]);
          expect(await sides()).to.deep.equal({ host_sum: 3, host_count: 1, guest_sum: 4, guest_count: 1 });
          // The score is computed once, by the domain, and stored by the use case (RateParticipant): SQL never recomputes it.
          expect(await score()).to.equal(3);
        });
      });
    });
  });
}
