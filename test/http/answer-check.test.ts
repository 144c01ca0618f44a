import { expect } from 'chai';
import { answerProblem } from '../../src/adapters/http/answer-check.js';
import { bookingRoutes } from '../../src/adapters/http/routes/booking.routes.js';
import type { UseCases } from '../../src/adapters/http/use-cases.js';

const [createBooking] = bookingRoutes({} as UseCases);
const screening = { id: '01900000-0000-7000-8000-000000000001', title: 'T', startsAt: '2030-01-01T20:00:00.000Z', endsAt: '2030-01-01T22:00:00.000Z',
  shortUrl: 'http://wt.test/s/a', movie: { id: 'm', title: 'M' }, status: 'open', place: { city: 'Porto', address: 'Rua 1', timeZone: 'Europe/Lisbon', addressHidden: false } };
const booking = { id: '01900000-0000-7000-8000-000000000002', announcementId: screening.id, guestId: '01900000-0000-7000-8000-000000000003',
  hostId: '01900000-0000-7000-8000-000000000004', seats: 1, message: null, status: 'pending', shortUrl: 'http://wt.test/s/b',
  createdAt: '2030-01-01T00:00:00.000Z', updatedAt: '2030-01-01T00:00:00.000Z', decidedAt: null, attended: null, waitlistPosition: null, announcement: screening };
const problem = (code: string, status: number, more: object = {}) =>
  ({ type: `urn:watch-together:problem:${code.toLowerCase()}`, title: 'T', status, detail: 'D', code, ...more });

/** The check every test run puts on every answer: what it lets through and what it stops. */
describe('Answers held to their documented contract', () => {
  it('lets a documented answer through, Dates written as JSON writes them', () => {
    expect(answerProblem(createBooking!, 201, { ...booking, createdAt: new Date(booking.createdAt) }, 'application/json')).to.equal(null);
    expect(answerProblem(createBooking!, 409, problem('BOOKING.NO_SEATS_LEFT', 409, { seatsLeft: 1 }), 'application/problem+json')).to.equal(null);
  });

  it('stops a field the schema does not list, at any depth, and one it lacks', () => {
    expect(answerProblem(createBooking!, 201, { ...booking, shortCode: 'abc' }, 'application/json')).to.match(/shortCode/);
    expect(answerProblem(createBooking!, 201, { ...booking, announcement: { ...screening, startSetAt: 'x' } }, 'application/json')).to.match(/startSetAt/);
    const { decidedAt: _, ...lacking } = booking;
    expect(answerProblem(createBooking!, 201, lacking, 'application/json')).to.match(/decidedAt/);
  });

  it('stops a refusal the route does not document, a status that does not go with its code, and an undocumented status', () => {
    expect(answerProblem(createBooking!, 404, problem('BOOKING.NOT_FOUND', 404), 'application/problem+json')).to.match(/BOOKING.NOT_FOUND is not among/);
    expect(answerProblem(createBooking!, 400, problem('BOOKING.NO_SEATS_LEFT', 400), 'application/problem+json')).to.match(/documented as 409/);
    expect(answerProblem(createBooking!, 409, problem('BOOKING.NO_SEATS_LEFT', 409, { secret: 1 }), 'application/problem+json')).to.match(/secret/);
    expect(answerProblem(createBooking!, 200, booking, 'application/json')).to.match(/not a documented answer/);
  });
});
