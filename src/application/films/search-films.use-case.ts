import { err, ok, type Result } from 'neverthrow';
import { domainError, type DomainError, type Film } from '../../domain/index.js';
import type { FilmCatalog } from '../ports/film-catalog.port.js';

/**
 * The web page's film picker (`GET /movies?q=`): films by the words of their title, from the
 * films neighbour (the embedded directory, or `GET {MOVIES_URL}/movies?q=`), and one film by its
 * id (`GET /movies/{movieId}`), for a page that arrives with `?movieId=` and shows the title. A
 * catalogue that cannot answer is unavailable, like any neighbour (503).
 */
export class SearchFilms {
  constructor(private readonly films: FilmCatalog) {}

  async execute(query: string, limit: number): Promise<{ readonly items: readonly Film[] }> {
    return { items: await this.films.search(query, limit) };
  }

  async byId(movieId: string): Promise<Result<Film, DomainError>> {
    const film = await this.films.byId(movieId);
    return film ? ok(film) : err(domainError('MOVIE.NOT_FOUND', { movieId }));
  }
}
