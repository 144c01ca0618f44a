import { expect } from 'chai';
import ICAL from 'ical.js';
import { at, DAY, HOUR, USERS } from '../support/fixtures.js';
import { httpBackends, TestApi } from '../support/http.js';

type ParsedEvent = {
  uid: string; sequence: number; start: Date; end: Date; summary: string; description: string; location: string; url: string; status: string; dtstartText: string;
  alarms: Array<{ action: string; before: number }>;
};

/** The feed read back by ical.js, an implementation independent of the generator (ical-generator). */
const parseFeed = (text: string): ParsedEvent[] => {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid, sequence: event.sequence, start: event.startDate.toJSDate(), end: event.endDate.toJSDate(),
      summary: event.summary, description: event.description, location: event.location, url: String(vevent.getFirstPropertyValue('url')),
      status: String(vevent.getFirstPropertyValue('status')), dtstartText: event.startDate.toString(),
      // Each alarm as its action and how many seconds before the start it rings.
      alarms: vevent.getAllSubcomponents('valarm').map((alarm) => ({
        action: String(alarm.getFirstPropertyValue('action')),
        before: -(alarm.getFirstPropertyValue('trigger') as ICAL.Duration).toSeconds(),
      })),
    };
  });
};

for (const backend of httpBackends()) {
  describe(`HTTP schedule and calendar feeds (RULES §6 /me/schedule*) on ${backend.name}`, function () {
    this.timeout(30_000);
    let api: TestApi;
    beforeEach(async () => { api = await TestApi.start(backend); });
    afterEach(() => api.stop());

    it('lists what I host and attend by start time, with my role and booking status, in keyset pages', async () => {
      const hosted = await api.announce({ startsAt: at(2 * DAY).toISOString() }, USERS.guest);
      const pending = await api.announce({ startsAt: at(DAY).toISOString() });
      const accepted = await api.announce({ startsAt: at(3 * DAY).toISOString(), approval: 'auto' }, USERS.other);
      const left = await api.announce({ startsAt: at(4 * DAY).toISOString() }, USERS.friend);
      await api.announce({ startsAt: at(5 * DAY).toISOString() }, USERS.other); // not mine
      expect((await api.book(pending.id, USERS.guest, { seats: 2 })).status).to.equal(201);
      expect((await api.book(accepted.id, USERS.guest)).status).to.equal(201);
      const cancelled = (await api.book(left.id, USERS.guest)).body;
      expect((await api.delete(`/api/v1/bookings/${cancelled.id}`, { as: USERS.guest })).status).to.equal(204);

      const all = (await api.get('/api/v1/me/schedule', { as: USERS.guest })).body;
      expect(all.items.map((i: any) => [i.announcement.id, i.role, i.booking?.status ?? null])).to.deep.equal([
        [pending.id, 'guest', 'pending'], [hosted.id, 'host', null], [accepted.id, 'guest', 'accepted'],
      ]);
      expect(all.items[0].booking).to.include({ seats: 2 });
      expect(all.items[0].announcement).to.include({ title: pending.title, startsAt: pending.startsAt, endsAt: pending.endsAt });
      expect(all.nextCursor).to.equal(null);

      const first = (await api.get('/api/v1/me/schedule?limit=2', { as: USERS.guest })).body;
      expect(first.items).to.have.length(2);
      const second = (await api.get(`/api/v1/me/schedule?limit=2&cursor=${first.nextCursor}`, { as: USERS.guest })).body;
      expect(second.items.map((i: any) => i.announcement.id)).to.deep.equal([accepted.id]);
      expect(second.nextCursor).to.equal(null);

      const window = (await api.get(`/api/v1/me/schedule?from=${at(DAY + 12 * HOUR).toISOString()}&to=${at(3 * DAY).toISOString()}`, { as: USERS.guest })).body;
      expect(window.items.map((i: any) => i.announcement.id)).to.deep.equal([hosted.id]);
      expect((await api.get('/api/v1/me/schedule?cursor=bm9wZQ', { as: USERS.guest })).status).to.equal(400);
      expect((await api.get(`/api/v1/me/schedule?from=${at(DAY).toISOString()}&to=${at(0).toISOString()}`, { as: USERS.guest })).status).to.equal(400);
    });

    it('serves the schedule as iCalendar that another parser reads: UID, SEQUENCE, UTC times, place, link, cancellations', async () => {
      const mine = await api.announce({ title: 'Alien night' });
      const theirs = await api.announce({ startsAt: at(2 * DAY).toISOString(), approval: 'auto' }, USERS.other);
      expect((await api.book(theirs.id, USERS.host)).status).to.equal(201);
      const moved = (await api.patch(`/api/v1/announcements/${mine.id}`, { as: USERS.host, body: { startsAt: at(DAY + 9 * HOUR).toISOString() } })).body;
      expect((await api.post(`/api/v1/announcements/${theirs.id}/cancel`, { as: USERS.other })).status).to.equal(200);

      const reply = await api.get('/api/v1/me/schedule.ics', { as: USERS.host });
      expect(reply.status).to.equal(200);
      expect(reply.headers.get('content-type')).to.match(/^text\/calendar/);
      const events = parseFeed(reply.text);
      expect(events.map((e) => e.uid)).to.deep.equal([`${mine.id}@wt.test`, `${theirs.id}@wt.test`]);
      const [hosted, attended] = events as [ParsedEvent, ParsedEvent];
      expect(hosted).to.deep.include({
        sequence: moved.version, summary: 'Alien night', status: 'CONFIRMED', url: mine.shortUrl, location: 'Torstraße 1, Berlin',
      });
      expect(hosted.start).to.deep.equal(new Date(moved.startsAt));
      expect(hosted.end).to.deep.equal(new Date(moved.endsAt));
      expect(hosted.dtstartText).to.match(/Z$/);
      expect(attended.status).to.equal('CANCELLED');
      expect((await api.get('/api/v1/me/schedule.ics')).status).to.equal(401);
    });

    it('says the start in the place’s own time with its zone, and rings an hour before what I host or am accepted to (T1)', async () => {
      const hosted = await api.announce({ title: 'Lisbon night', place: { city: 'Lisboa', address: 'Rua A 1', lat: 38.7223, lon: -9.1393 } });
      const seated = await api.announce({ startsAt: at(2 * DAY + 8 * HOUR).toISOString(), approval: 'auto', place: { city: 'New York', address: '1 Main St', timeZone: 'America/New_York' } }, USERS.other);
      const asked = await api.announce({ startsAt: at(3 * DAY).toISOString() }, USERS.friend);
      const full = await api.announce({ startsAt: at(4 * DAY).toISOString(), approval: 'auto', capacity: 1 }, USERS.friend);
      expect((await api.book(seated.id, USERS.host)).body.status).to.equal('accepted');
      expect((await api.book(asked.id, USERS.host)).body.status).to.equal('pending');
      expect((await api.book(full.id, USERS.guest)).body.status).to.equal('accepted');
      expect((await api.book(full.id, USERS.host)).body.status).to.equal('waitlisted');

      const events = parseFeed((await api.get('/api/v1/me/schedule.ics', { as: USERS.host })).text);
      const byId = (id: string) => events.find((e) => e.uid.startsWith(id))!;
      // 2030-03-02 20:00 UTC is 20:00 in Lisbon (WET); 2030-03-03 20:00 UTC is 15:00 in New York (EST).
      expect(byId(hosted.id).description).to.match(/^Starts Sat, 2 Mar 2030, 20:00 (WET|GMT) \(Europe\/Lisbon\)\./);
      expect(byId(seated.id).description).to.match(/^Starts Sun, 3 Mar 2030, 15:00 (EST|GMT-5) \(America\/New_York\)\./);
      expect(byId(hosted.id).alarms).to.deep.equal([{ action: 'DISPLAY', before: 3600 }]);
      expect(byId(seated.id).alarms).to.deep.equal([{ action: 'DISPLAY', before: 3600 }]);
      expect(byId(asked.id)).to.deep.include({ alarms: [], status: 'TENTATIVE' });
      expect(byId(full.id)).to.deep.include({ alarms: [], status: 'TENTATIVE', summary: `${full.title} (on the waitlist)` });
    });

    it('gives one screening as one event to whoever may see it ("Add to calendar"), as they may see it', async () => {
      const a = await api.announce({ title: 'One night only', approval: 'auto', place: { city: 'Lisboa', address: 'Rua A 1', lat: 38.7223, lon: -9.1393 } });
      const hidden = await api.announce({ privacy: 'friends', startsAt: at(5 * DAY).toISOString() });
      expect((await api.book(a.id, USERS.guest)).body.status).to.equal('accepted');
      const as = async (userId: string, id = a.id) => api.get(`/api/v1/announcements/${id}/calendar.ics`, { as: userId });
      const hosted = await as(USERS.host);
      expect([hosted.status, hosted.headers.get('content-type'), hosted.headers.get('content-disposition')])
        .to.deep.equal([200, 'text/calendar; charset=utf-8', 'attachment; filename="screening.ics"']);
      const [event] = parseFeed(hosted.text);
      expect(parseFeed(hosted.text)).to.have.length(1);
      const { version } = (await api.get(`/api/v1/announcements/${a.id}`, { as: USERS.host })).body;
      expect(event).to.deep.include({ summary: 'One night only', sequence: version, status: 'CONFIRMED', url: a.shortUrl, alarms: [{ action: 'DISPLAY', before: 3600 }] });
      expect(event!.uid).to.match(new RegExp(`^${a.id}@`));
      expect(event!.start.toISOString()).to.equal(a.startsAt);
      expect(event!.location).to.equal('Rua A 1, Lisboa');
      expect(event!.description).to.contain('You host this screening.');
      // The accepted guest rings too and sees where; a stranger sees the city, no alarm, and is told they have not asked.
      const [seated] = parseFeed((await as(USERS.guest)).text);
      expect(seated).to.deep.include({ location: 'Rua A 1, Lisboa', alarms: [{ action: 'DISPLAY', before: 3600 }] });
      expect(seated!.description).to.contain('You asked for 1 seat: accepted.');
      const [looking] = parseFeed((await as(USERS.stranger)).text);
      expect(looking).to.deep.include({ alarms: [], status: 'CONFIRMED' });
      expect(looking!.location).to.equal('Lisboa (the address once the host accepts you)');
      expect(looking!.description).to.contain('You have not asked for a seat.');
      // A5: a screening the caller may not see has no event either.
      const refused = await as(USERS.stranger, hidden.id);
      expect([refused.status, refused.body.code]).to.deep.equal([404, 'ANNOUNCEMENT.NOT_FOUND']);
      expect((await api.get(`/api/v1/announcements/${a.id}/calendar.ics`)).status).to.equal(401);
    });

    it('gives a secret feed URL that works without a token, until a new one replaces it', async () => {
      const a = await api.announce();
      const issued = await api.post('/api/v1/me/calendar-feed', { as: USERS.host });
      expect(issued.status).to.equal(201);
      const url = new URL(issued.body.url);
      expect(url.origin).to.equal('http://wt.test');
      expect(url.pathname).to.match(/^\/api\/v1\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
      const feed = await api.get(url.pathname);
      expect(feed.status).to.equal(200);
      expect(parseFeed(feed.text).map((e) => e.uid)).to.deep.equal([`${a.id}@wt.test`]);

      const rotated = new URL((await api.post('/api/v1/me/calendar-feed', { as: USERS.host })).body.url);
      expect(rotated.pathname).to.not.equal(url.pathname);
      expect((await api.get(url.pathname)).body).to.include({ status: 404, code: 'CALENDAR_FEED.NOT_FOUND' });
      expect((await api.get(rotated.pathname)).status).to.equal(200);
      // Another user's feed is their own, and a made-up secret opens nothing.
      const theirs = new URL((await api.post('/api/v1/me/calendar-feed', { as: USERS.guest })).body.url);
      expect(parseFeed((await api.get(theirs.pathname)).text)).to.deep.equal([]);
      expect((await api.get(`/api/v1/calendar/${'A'.repeat(43)}.ics`)).status).to.equal(404);
      expect((await api.get('/api/v1/calendar/short.ics')).status).to.equal(400);
    });
  });
}
