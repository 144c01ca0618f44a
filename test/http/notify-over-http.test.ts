import { expect } from 'chai';
import { HttpNotificationSender } from '../../src/adapters/notifications/http-notification-sender.js';
import { resolve, TOKENS } from '../../src/container.js';
import { PLATFORM_RECIPIENT_ID, type NotificationMessage } from '../../src/domain/index.js';
import { backends } from '../contract/backends.js';
import { at, USERS } from '../support/fixtures.js';
import { TestApi } from '../support/http.js';
import { StandInNotifyServer } from '../support/stand-in-notify-server.js';

const message = (n: number): NotificationMessage => ({
  id: `00000000-0000-7000-8000-00000000000${n}`, type: 'booking.created', recipientId: USERS.host, announcementId: USERS.other,
  bookingId: USERS.guest, link: 'http://wt.test/s/x', title: 'T', body: 'B', createdAt: at(0),
});

describe('The HTTP notification sender (NOTIFY_URL)', () => {
  let service: StandInNotifyServer | undefined;
  afterEach(async () => { await service?.stop(); service = undefined; });

  it('posts each message to /notifications with its id as Idempotency-Key, and takes 2xx as delivered', async () => {
    service = await StandInNotifyServer.start(() => 201);
    const outcomes = await new HttpNotificationSender(`${service.url}/`, { timeoutMs: 1000, concurrency: 2 }).deliver([message(1), message(2), message(3)]);
    expect(outcomes.map((o) => o.delivered)).to.deep.equal([true, true, true]);
    expect(service.received.map((r) => [r.idempotencyKey, r.body.id])).to.have.deep.members([1, 2, 3].map((n) => [message(n).id, message(n).id]));
    expect(service.received[0]!.body).to.include({ type: 'booking.created', link: 'http://wt.test/s/x', createdAt: at(0).toISOString() });
  });

  it('tries again after 408, 425, 429 and 5xx; gives up for good on other 4xx', async () => {
    const statuses = [408, 425, 429, 500, 503, 400, 404, 409, 422];
    service = await StandInNotifyServer.start((body) => statuses[Number(String(body.id).slice(-1))]!);
    const batch = statuses.map((_, i) => message(i));
    const outcomes = await new HttpNotificationSender(service.url, { timeoutMs: 1000, concurrency: 4 }).deliver(batch);
    const byId = new Map(outcomes.map((o) => [o.id, o]));
    expect(batch.map((m) => byId.get(m.id))).to.deep.equal(statuses.map((status, i) => ({
      id: message(i).id, delivered: false, error: `HTTP ${status}`, permanent: ![408, 425, 429, 500, 503].includes(status),
    })));
  });

  it('counts a service that does not answer in time, or is not there, as a failure to retry', async () => {
    service = await StandInNotifyServer.start(() => 'hang');
    const [slow] = await new HttpNotificationSender(service.url, { timeoutMs: 150, concurrency: 1 }).deliver([message(1)]);
    expect(slow).to.deep.equal({ id: message(1).id, delivered: false, error: 'no answer within 150 ms', permanent: false });
    const [refused] = await new HttpNotificationSender('http://127.0.0.1:1', { timeoutMs: 1000, concurrency: 1 }).deliver([message(2)]);
    expect(refused).to.include({ delivered: false, permanent: false });
  });
});

for (const backend of backends()) {
  describe(`Notifications leave the service over HTTP, on ${backend.name}`, () => {
    let api: TestApi;
    let service: StandInNotifyServer;
    beforeEach(async () => {
      // The platform's service fails the first two deliveries of every message.
      service = await StandInNotifyServer.start((_, arrival) => (arrival <= 2 ? 503 : 202));
      api = await TestApi.start(backend, { notifyUrl: service.url });
    });
    afterEach(async () => { await api.stop(); await service.stop(); });

    it('delivers every notification of a booking flow, each with Idempotency-Key = its id, through two failures each', async () => {
      const a = await api.announce();
      const booked = await api.book(a.id, USERS.guest, { seats: 2 });
      await api.patch(`/api/v1/bookings/${booked.body.id}`, { as: USERS.host, body: { status: 'accepted' } });
      await api.patch(`/api/v1/announcements/${a.id}`, { as: USERS.host, body: { title: 'Renamed' } });
      const inbox = [...(await api.inbox(USERS.host)), ...(await api.inbox(USERS.guest))];
      const dispatcher = resolve(api.service.container, TOKENS.deliverNotifications);
      for (let round = 0; round < 3; round += 1) {
        await dispatcher.execute();
        api.clock.advance(10 * 60_000);
      }
      expect(service.received.map((r) => r.body.id).sort()).to.deep.equal(inbox.map((n) => n.id).sort());
      expect(service.received.every((r) => r.idempotencyKey === r.body.id)).to.equal(true);
      expect(inbox.map((n) => service.arrivalsOf(n.id))).to.deep.equal(inbox.map(() => 3));
      expect(await api.service.storage.outboxDelivery.backlog()).to.deep.equal({ oldestUndeliveredAt: null, dead: 0 });
    });

    it('hands a report to the platform as report.filed, to no user’s inbox (RULES §9 S4)', async () => {
      const a = await api.announce();
      const filed = await api.post('/api/v1/reports', { as: USERS.guest, body: { subject: { announcementId: a.id }, reason: 'unsafe', details: 'Asked for my passport' } });
      expect(filed.status).to.equal(202);
      const dispatcher = resolve(api.service.container, TOKENS.deliverNotifications);
      for (let round = 0; round < 3; round += 1) {
        await dispatcher.execute();
        api.clock.advance(10 * 60_000);
      }
      const reports = service.received.filter((r) => r.body.type === 'report.filed');
      expect(reports).to.have.length(1);
      expect(reports[0]!.body).to.include({ recipientId: PLATFORM_RECIPIENT_ID, announcementId: a.id, link: `http://wt.test/api/v1/announcements/${a.id}` });
      expect(String(reports[0]!.body.body)).to.contain('unsafe').and.contain('Asked for my passport').and.contain(filed.body.id);
      for (const user of Object.values(USERS)) expect((await api.inbox(user)).filter((n) => n.type === 'report.filed')).to.deep.equal([]);
    });
  });
}
