import type { Film } from '../../domain/index.js';

export interface FilmCatalog {
  /** null when the catalogue does not know the film; throws NeighbourUnavailableError when it cannot say. */
  byId(movieId: string): Promise<Film | null>;
}
