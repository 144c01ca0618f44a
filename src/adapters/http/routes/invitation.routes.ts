import { AnnouncementDetail, Booking, InvitationsView, InviteLink, InviteLinkList } from '../responses.js';
import { route, type Route } from '../route.js';
import { CreateBookingBody, IdParams, InvitationsBody, InviteTokenParams } from '../schemas.js';
import type { UseCases } from '../use-cases.js';
import { examples } from '../examples.js';

/** RULES §10 I1 (invite links) and I2 (direct invitations). */
export const invitationRoutes = (uc: UseCases): Route[] => [
  route({
    method: 'post', path: '/announcements/{id}/invites', operationId: 'createInviteLink', tag: 'invitations',
    summary: 'Make an invite link (host): whoever opens it sees the screening, even friends-only, until revoked or the start', params: IdParams,
    responses: { 201: { description: 'The link', schema: InviteLink } },
    refusals: ['ANNOUNCEMENT.NOT_FOUND', 'ANNOUNCEMENT.NOT_HOST', 'INVITE.CLOSED'],
    handle: async ({ userId, params }) => (await uc.inviteLinks.create(userId, params.id)).map((link) => ({ status: 201, body: link })),
  }),
  route({
    method: 'get', path: '/announcements/{id}/invites', operationId: 'listInviteLinks', tag: 'invitations',
    summary: 'The screening’s invite links, oldest first (host)', params: IdParams,
    responses: { 200: { description: 'Every link, revoked ones too', schema: InviteLinkList } },
    refusals: ['ANNOUNCEMENT.NOT_FOUND', 'ANNOUNCEMENT.NOT_HOST'],
    handle: async ({ userId, params }) => (await uc.inviteLinks.list(userId, params.id)).map((items) => ({ status: 200, body: { items } })),
  }),
  route({
    method: 'delete', path: '/invites/{token}', operationId: 'revokeInviteLink', tag: 'invitations',
    summary: 'Revoke an invite link (host): it opens nothing from now on; requests made through it stand', params: InviteTokenParams,
    responses: { 204: { description: 'Revoked (or already)' } },
    refusals: ['INVITE.NOT_FOUND', 'ANNOUNCEMENT.NOT_HOST'],
    handle: async ({ userId, params }) => (await uc.inviteLinks.revoke(userId, params.token)).map(() => ({ status: 204 })),
  }),
  route({
    method: 'get', path: '/invites/{token}', operationId: 'openInviteLink', tag: 'invitations',
    summary: 'Open an invite link: the screening, and from now on it shows for you as for a friend (until the link dies)', params: InviteTokenParams,
    responses: { 200: { description: 'The screening', schema: AnnouncementDetail } },
    refusals: ['INVITE.NOT_FOUND', 'INVITE.GONE'],
    handle: async ({ userId, params }) => (await uc.inviteLinks.open(userId, params.token)).map((detail) => ({ status: 200, body: detail })),
  }),
  route({
    method: 'post', path: '/invites/{token}/bookings', operationId: 'bookThroughInviteLink', tag: 'invitations',
    summary: 'Ask for seats through an invite link', params: InviteTokenParams, body: CreateBookingBody, example: examples.createBooking,
    responses: { 201: { description: 'Requested (accepted at once, or waitlisted, with auto approval)', schema: Booking, headers: ['Location'] } },
    refusals: ['INVITE.NOT_FOUND', 'INVITE.GONE', 'BOOKING.OWN_ANNOUNCEMENT', 'BOOKING.INVALID', 'BOOKING.NO_SEATS_LEFT', 'BOOKING.ALREADY_BOOKED',
      'BOOKING.NOT_OPEN', 'SCHEDULE.CONFLICT'],
    handle: async ({ userId, params, body }) => (await uc.inviteLinks.book(userId, params.token, body))
      .map((b) => ({ status: 201, body: b, headers: { Location: `/api/v1/bookings/${b.id}` } })),
  }),
  route({
    method: 'post', path: '/announcements/{id}/invitations', operationId: 'inviteUsers', tag: 'invitations',
    summary: 'Invite people by id (host): each is told once, and may see the screening and ask for seats as a friend', params: IdParams,
    body: InvitationsBody, example: examples.invitations,
    responses: { 200: { description: 'Invited', schema: InvitationsView } },
    refusals: ['ANNOUNCEMENT.NOT_FOUND', 'ANNOUNCEMENT.NOT_HOST', 'INVITE.CLOSED'],
    handle: async ({ userId, params, body }) => (await uc.inviteUsers.execute(userId, params.id, body.userIds)).map((v) => ({ status: 200, body: v })),
  }),
];
