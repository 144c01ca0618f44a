import { Booking, BookingPage } from '../responses.js';
import { alias, route, sameInput, type RefusalCode, type Route } from '../route.js';
import { CreateBookingBody, IdParams, LegacyAnnouncementParams, MyBookingsQuery, UpdateBookingBody } from '../schemas.js';
import type { UseCases } from '../use-cases.js';
import { examples } from '../examples.js';

/** B6: who may decide, from which status, and B2 when seats are taken by an acceptance. */
const DECISION_REFUSALS: readonly RefusalCode[] = ['BOOKING.NOT_FOUND', 'BOOKING.FORBIDDEN', 'BOOKING.ILLEGAL_TRANSITION', 'BOOKING.NO_SEATS_LEFT', 'ANNOUNCEMENT.FINAL'];

export const bookingRoutes = (uc: UseCases): Route[] => {
  const create = route({
    method: 'post', path: '/announcements/{id}/bookings', operationId: 'createBooking', tag: 'bookings',
    summary: 'Ask for seats at a screening', params: IdParams, body: CreateBookingBody, example: examples.createBooking,
    responses: { 201: { description: 'Requested (or accepted at once with auto approval)', schema: Booking, headers: ['Location'] } },
    refusals: ['ANNOUNCEMENT.NOT_FOUND', 'BOOKING.OWN_ANNOUNCEMENT', 'BOOKING.INVALID', 'BOOKING.NO_SEATS_LEFT', 'BOOKING.ALREADY_BOOKED',
      'BOOKING.NOT_OPEN', 'SCHEDULE.CONFLICT'],
    handle: async ({ userId, params, body }) => {
      const created = await uc.createBooking.execute({ guestId: userId, announcementId: params.id, ...body });
      return created.map((b) => ({ status: 201, body: b, headers: { Location: `/api/v1/bookings/${b.id}` } }));
    },
  });
  const mine = route({
    method: 'get', path: '/bookings', operationId: 'listMyBookings', tag: 'bookings',
    summary: 'My bookings, as guest and as host, newest first', query: MyBookingsQuery,
    responses: { 200: { description: 'One page of bookings', schema: BookingPage } },
    refusals: ['PAGE.INVALID_CURSOR'],
    handle: async ({ userId, query }) => (await uc.listMyBookings.execute(userId, query)).map((page) => ({ status: 200, body: page })),
  });
  const get = route({
    method: 'get', path: '/bookings/{id}', operationId: 'getBooking', tag: 'bookings',
    summary: 'Read a booking (its guest or host)', params: IdParams,
    responses: { 200: { description: 'The booking', schema: Booking } },
    refusals: ['BOOKING.NOT_FOUND', 'BOOKING.FORBIDDEN'],
    handle: async ({ userId, params }) => (await uc.getBooking.execute(userId, params.id)).map((b) => ({ status: 200, body: b })),
  });
  const update = route({
    method: 'patch', path: '/bookings/{id}', operationId: 'updateBooking', tag: 'bookings',
    summary: 'Accept or reject (host), or cancel (guest)', params: IdParams, body: UpdateBookingBody, example: examples.updateBooking,
    responses: { 200: { description: 'The booking', schema: Booking } },
    refusals: DECISION_REFUSALS,
    handle: async ({ userId, params, body }) =>
      (await uc.changeBookingStatus.execute({ actorId: userId, bookingId: params.id, status: body.status }))
        .map((b) => ({ status: 200, body: b })),
  });
  const remove = route({
    method: 'delete', path: '/bookings/{id}', operationId: 'cancelBooking', tag: 'bookings',
    summary: 'Cancel my booking (guest)', params: IdParams,
    responses: { 204: { description: 'Cancelled' } },
    refusals: DECISION_REFUSALS,
    handle: async ({ userId, params }) =>
      (await uc.changeBookingStatus.execute({ actorId: userId, bookingId: params.id, status: 'cancelled' })).map(() => ({ status: 204 })),
  });

  const byLegacyId = { params: IdParams, mapInput: sameInput };
  return [
    create, mine, get, update, remove,
    alias(create, { method: 'post', path: '/booking/{id}', params: LegacyAnnouncementParams, mapInput: sameInput }),
    alias(get, { method: 'get', path: '/booking/{id}', ...byLegacyId }),
    alias(update, { method: 'put', path: '/booking/{id}', ...byLegacyId }),
    alias(remove, { method: 'delete', path: '/booking/{id}', ...byLegacyId }),
  ];
};
