import { ok } from 'neverthrow';
import type { ReportSubject } from '../../../domain/index.js';
import { Attendance, BlockPage, BlockView, ReportReceipt } from '../responses.js';
import { route, type Route } from '../route.js';
import { AttendanceBody, AttendanceParams, BlockBody, BlockedParams, BlocksQuery, ReportBody } from '../schemas.js';
import type { UseCases } from '../use-cases.js';
import { examples } from '../examples.js';

const subjectOf = (s: { userId?: string; announcementId?: string; bookingId?: string }): ReportSubject =>
  s.userId ? { kind: 'user', id: s.userId } : s.announcementId ? { kind: 'announcement', id: s.announcementId } : { kind: 'booking', id: s.bookingId! };

/** RULES §9: blocks (S3), reports (S4), attendance (S5). */
export const safetyRoutes = (uc: UseCases): Route[] => [
  route({
    method: 'post', path: '/me/blocks', operationId: 'blockUser', tag: 'safety',
    summary: 'Block someone: neither of you sees the other’s screenings; their requests at yours end', body: BlockBody, example: examples.block,
    responses: { 201: { description: 'Blocked', schema: BlockView }, 200: { description: 'Blocked already', schema: BlockView } },
    refusals: ['BLOCK.SELF'],
    handle: async ({ userId, body }) => (await uc.blockUser.execute(userId, body.userId)).map(({ block, created, user }) => ({
      status: created ? 201 : 200, body: { user, createdAt: block.createdAt },
    })),
  }),
  route({
    method: 'get', path: '/me/blocks', operationId: 'listBlocks', tag: 'safety', summary: 'Whom I blocked, newest first', query: BlocksQuery,
    responses: { 200: { description: 'One page of blocks', schema: BlockPage } },
    refusals: ['PAGE.INVALID_CURSOR'],
    handle: async ({ userId, query }) => (await uc.blocks.list(userId, query.limit, query.cursor)).map((page) => ({ status: 200, body: page })),
  }),
  route({
    method: 'delete', path: '/me/blocks/{userId}', operationId: 'unblockUser', tag: 'safety',
    summary: 'Unblock: their screenings show again (bookings that ended stay ended)', params: BlockedParams,
    responses: { 204: { description: 'Not blocked (any more)' } },
    refusals: [],
    handle: async ({ userId, params }) => {
      await uc.blocks.remove(userId, params.userId);
      return ok({ status: 204 });
    },
  }),
  route({
    method: 'post', path: '/reports', operationId: 'fileReport', tag: 'safety',
    summary: 'Tell the platform about a person, a screening or a booking', body: ReportBody, example: examples.report,
    responses: { 202: { description: 'Received; the platform looks into it', schema: ReportReceipt } },
    refusals: ['REPORT.INVALID', 'REPORT.ALREADY_OPEN', 'REPORT.SUBJECT_NOT_FOUND'],
    handle: async ({ userId, body }) =>
      (await uc.fileReport.execute({ reporterId: userId, subject: subjectOf(body.subject), reason: body.reason, details: body.details ?? null }))
        .map((receipt) => ({ status: 202, body: receipt })),
  }),
  route({
    method: 'put', path: '/announcements/{id}/attendance/{guestId}', operationId: 'markAttendance', tag: 'safety',
    summary: 'Say whether an accepted guest came (host; from the end for 14 days)', params: AttendanceParams, body: AttendanceBody, example: examples.markAttendance,
    responses: { 200: { description: 'Marked', schema: Attendance } },
    refusals: ['ANNOUNCEMENT.NOT_FOUND', 'ANNOUNCEMENT.NOT_HOST', 'ATTENDANCE.NOT_A_GUEST', 'ATTENDANCE.NOT_YET', 'ATTENDANCE.WINDOW_CLOSED'],
    handle: async ({ userId, params, body }) =>
      (await uc.markAttendance.execute({ hostId: userId, announcementId: params.id, guestId: params.guestId, attended: body.attended }))
        .map((a) => ({ status: 200, body: a })),
  }),
];
