import { ok } from 'neverthrow';
import { Film, FilmList } from '../responses.js';
import { route, type Route } from '../route.js';
import { FilmParams, FilmQuery } from '../schemas.js';
import type { UseCases } from '../use-cases.js';

/** The film picker of the web page (and of any client): films by the words of their title, and one by its id. */
export const filmRoutes = (uc: UseCases): Route[] => [
  route({
    method: 'get', path: '/movies', operationId: 'searchFilms', tag: 'films',
    summary: 'Films whose title holds every word of `q`, best match first', query: FilmQuery,
    responses: { 200: { description: 'The films found (perhaps none)', schema: FilmList } },
    refusals: ['NEIGHBOUR.UNAVAILABLE'],
    handle: async ({ query }) => ok({ status: 200, body: await uc.searchFilms.execute(query.q, query.limit) }),
  }),
  route({
    method: 'get', path: '/movies/{movieId}', operationId: 'getFilm', tag: 'films',
    summary: 'One film by its id: the title a page shows when it arrives with `?movieId=`', params: FilmParams,
    responses: { 200: { description: 'The film', schema: Film } },
    refusals: ['MOVIE.NOT_FOUND', 'NEIGHBOUR.UNAVAILABLE'],
    handle: async ({ params }) => (await uc.searchFilms.byId(params.movieId)).map((film) => ({ status: 200, body: film })),
  }),
];
