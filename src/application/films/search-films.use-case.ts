import type { Film } from '../../domain/index.js';
import type { FilmCatalog } from '../ports/film-catalog.port.js';

/**
 * The web page's film picker (`GET /movies?q=`): films by the words of their title, from the
 * films neighbour (the embedded directory, or `GET {MOVIES_URL}/movies?q=`). A catalogue that
 * cannot answer is unavailable, like any neighbour (503).
 */
export class SearchFilms {
  constructor(private readonly films: FilmCatalog) {}

  async execute(query: string, limit: number): Promise<{ readonly items: readonly Film[] }> {
    return { items: await this.films.search(query, limit) };
  }
}
