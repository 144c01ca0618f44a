import type { Film } from '../../domain/index.js';

export interface FilmCatalog {
  /** null when the catalogue does not know the film; throws NeighbourUnavailableError when it cannot say. */
  byId(movieId: string): Promise<Film | null>;
  /** Films whose title holds every word of the query (any case), best first, at most `limit`; throws as byId does. */
  search(query: string, limit: number): Promise<Film[]>;
}
