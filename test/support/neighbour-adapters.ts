import { Registry } from 'prom-client';
import { JwksAccessTokens, type JwksSettings } from '../../src/adapters/auth/jwks-access-tokens.js';
import { EmbeddedLinkShortener } from '../../src/adapters/links/embedded-link-shortener.js';
import { HttpFilmCatalog } from '../../src/adapters/neighbours/http-film-catalog.js';
import { HttpLinkShortener } from '../../src/adapters/neighbours/http-link-shortener.js';
import { HttpUserDirectory } from '../../src/adapters/neighbours/http-user-directory.js';
import { DEFAULT_NEIGHBOUR_SETTINGS, NeighbourClient, NeighbourMetrics, type NeighbourSettings } from '../../src/adapters/neighbours/neighbour-client.js';

export type NeighbourUrls = { readonly usersUrl: string; readonly moviesUrl: string; readonly shortenerUrl: string; readonly jwksUrl: string };

/** The HTTP adapters of every neighbour, as the container builds them, with metrics on a registry of their own. */
export const httpAdapters = (urls: NeighbourUrls, settings: Partial<NeighbourSettings> = {}, jwks: Partial<JwksSettings> = {}) => {
  const registry = new Registry();
  const metrics = new NeighbourMetrics(registry);
  const all: NeighbourSettings = { ...DEFAULT_NEIGHBOUR_SETTINGS, timeoutMs: 1000, ...settings };
  return {
    registry,
    users: new HttpUserDirectory(new NeighbourClient('users', urls.usersUrl, all, metrics)),
    films: new HttpFilmCatalog(new NeighbourClient('films', urls.moviesUrl, all, metrics)),
    links: new HttpLinkShortener(new NeighbourClient('shortener', urls.shortenerUrl, all, metrics), new EmbeddedLinkShortener('http://wt.test')),
    tokens: new JwksAccessTokens({ url: urls.jwksUrl, timeoutMs: all.timeoutMs, ...jwks }, metrics),
  };
};
