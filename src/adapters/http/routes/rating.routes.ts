import { PendingRatings, Rating, UserRating } from '../responses.js';
import { route, type RefusalCode, type Route } from '../route.js';
import { ChangeRatingBody, CreateRatingBody, IdParams, RatingParams, UserParams, UserRatingQuery } from '../schemas.js';
import type { UseCases } from '../use-cases.js';
import { examples } from '../examples.js';

/** §5: a screening the rater may see, done, within 14 days, someone theirs to rate. */
const RATING_REFUSALS: readonly RefusalCode[] = ['ANNOUNCEMENT.NOT_FOUND', 'RATING.INVALID', 'RATING.FORBIDDEN', 'RATING.NOT_YET',
  'RATING.WINDOW_CLOSED', 'RATING.NOT_A_RATEE'];

/** RULES §5 and the rating rows of §6. */
export const ratingRoutes = (uc: UseCases): Route[] => [
  route({
    method: 'post', path: '/announcements/{id}/ratings', operationId: 'rateParticipant', tag: 'ratings',
    summary: 'Rate the host (as a guest) or a guest (as the host), once, after the screening is done',
    params: IdParams, body: CreateRatingBody, example: examples.createRating,
    responses: { 201: { description: 'Rated; it counts towards the ratee’s average at once', schema: Rating, headers: ['Location'] } },
    refusals: [...RATING_REFUSALS, 'RATING.ALREADY_RATED'],
    handle: async ({ userId, params, body }) =>
      (await uc.rateParticipant.give({ raterId: userId, announcementId: params.id, ...body }))
        .map((r) => ({ status: 201, body: r, headers: { Location: `/api/v1/announcements/${params.id}/ratings/${r.rateeId}` } })),
  }),
  route({
    method: 'put', path: '/announcements/{id}/ratings/{rateeId}', operationId: 'changeRating', tag: 'ratings',
    summary: 'Change my rating of this person within 14 days of the screening’s end',
    params: RatingParams, body: ChangeRatingBody, example: examples.changeRating,
    responses: { 200: { description: 'The changed rating', schema: Rating } },
    refusals: [...RATING_REFUSALS, 'RATING.NOT_FOUND'],
    handle: async ({ userId, params, body }) =>
      (await uc.rateParticipant.change({ raterId: userId, announcementId: params.id, rateeId: params.rateeId, ...body }))
        .map((r) => ({ status: 200, body: r })),
  }),
  route({
    method: 'get', path: '/users/{id}/rating', operationId: 'getUserRating', tag: 'ratings',
    summary: 'A user’s rating as host and as guest, their record as a guest, and the latest comments', params: UserParams, query: UserRatingQuery,
    responses: { 200: { description: 'Both sides (a user nobody rated has the prior: score 3, count 0), reliability, and one page of reviews', schema: UserRating } },
    refusals: ['PAGE.INVALID_CURSOR'],
    handle: async ({ params, query }) => (await uc.readRatings.ofUser(params.id, query)).map((r) => ({ status: 200, body: r })),
  }),
  route({
    method: 'get', path: '/me/ratings/pending', operationId: 'listPendingRatings', tag: 'ratings',
    summary: 'Whom I may still rate: screenings done in the last 14 days, newest first',
    responses: { 200: { description: 'Each person left to rate, with the screening', schema: PendingRatings } },
    refusals: [],
    handle: async ({ userId }) => (await uc.readRatings.pending(userId)).map((r) => ({ status: 200, body: r })),
  }),
];
