import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import { LIMITS, type Film } from '../../domain/index.js';
import type { FilmCatalog } from '../../application/index.js';
import type { NeighbourClient } from './neighbour-client.js';

const Movie = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  durationMinutes: z.number().int().min(LIMITS.durationMinutes.min).max(LIMITS.durationMinutes.max),
});

/** A film's title and length hardly change; a film the catalogue does not know yet may appear any minute. */
export const FILM_CACHE_POLICY = { knownTtlMs: 10 * 60_000, unknownTtlMs: 30_000, maxEntries: 5_000 } as const;

/**
 * RULES §7's film catalogue over HTTP: `GET /movies/{id}`, 404 for a film it does not know.
 * Only creating and changing a screening ask (titles are stored with the screening), and
 * concurrent lookups of one film share one call. The film picker asks
 * `GET /movies?q=&limit=` (an array of films), uncached: it is typed as the person types.
 */
export class HttpFilmCatalog implements FilmCatalog {
  private readonly films: LRUCache<string, { readonly film: Film | null }>;

  constructor(private readonly client: NeighbourClient, policy = FILM_CACHE_POLICY) {
    this.films = new LRUCache({
      max: policy.maxEntries, ttl: policy.knownTtlMs,
      fetchMethod: async (movieId, _stale, { options }) => {
        const film = await this.client.get(`/movies/${encodeURIComponent(movieId)}`, Movie, 'null');
        if (film === null) options.ttl = policy.unknownTtlMs;
        return { film };
      },
    });
  }

  async byId(movieId: string): Promise<Film | null> {
    return (await this.films.fetch(movieId))?.film ?? null;
  }

  async search(query: string, limit: number): Promise<Film[]> {
    const found = await this.client.get(`/movies?${new URLSearchParams({ q: query, limit: String(limit) }).toString()}`, z.array(Movie));
    return found.slice(0, limit);
  }
}
