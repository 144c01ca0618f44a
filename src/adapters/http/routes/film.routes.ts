import { ok } from 'neverthrow';
import { FilmList } from '../responses.js';
import { route, type Route } from '../route.js';
import { FilmQuery } from '../schemas.js';
import type { UseCases } from '../use-cases.js';

/** The film picker of the web page (and of any client): films by the words of their title. */
export const filmRoutes = (uc: UseCases): Route[] => [
  route({
    method: 'get', path: '/movies', operationId: 'searchFilms', tag: 'films',
    summary: 'Films whose title holds every word of `q`, best match first', query: FilmQuery,
    responses: { 200: { description: 'The films found (perhaps none)', schema: FilmList } },
    refusals: [],
    handle: async ({ query }) => ok({ status: 200, body: await uc.searchFilms.execute(query.q, query.limit) }),
  }),
];
