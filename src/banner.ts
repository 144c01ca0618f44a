import type { Hs256AccessTokens } from './adapters/auth/hs256-access-tokens.js';
import type { MemoryDirectory } from './adapters/memory/memory-directory.js';
import { DEV_TOKEN_TTL_SECONDS, type Config } from './config.js';

export type BannerInput = { readonly config: Config; readonly directory: MemoryDirectory; readonly tokens: Hs256AccessTokens | null };


/** What a newcomer needs after `npm start`: where it listens, tokens to try it, a first request. */
export const printBanner = async (service: BannerInput): Promise<void> => {
  const { config } = service;
  const base = config.publicBaseUrl;
  const delivery = config.notifyUrl ? `to NOTIFY_URL ${config.notifyUrl}` : config.amqpUrl ? 'over AMQP_URL' : 'to the inbox only (no NOTIFY_URL or AMQP_URL)';
  const role = { all: 'API and worker', api: 'API only', worker: 'worker only: dispatcher, reminders, watcher' }[config.role];
  const lines = [`Watch Together listening on ${base} (storage: ${config.storage}; ${role})`,
    ...(config.role === 'worker' ? [] : [`  web page: ${base}/${config.usesDevSecret ? ' (sign in there as a demo user)' : ''}`]), `  docs: ${base}/docs`,
    `  notifications: ${config.role === 'api' ? 'written to the outbox; a worker delivers them' : `delivered ${delivery}`}`];
  const n = config.neighbours;
  const neighbours = [['users', n.usersUrl], ['films', n.moviesUrl], ['short links', n.shortenerUrl], ['token keys', n.jwksUrl]]
    .map(([name, url]) => `${name} ${url ? `at ${url}` : 'embedded'}`);
  lines.push(`  neighbours: ${neighbours.join('; ')}`);
  if (config.metricsPort !== undefined) lines.push(`  metrics: http://${config.host}:${config.metricsPort}/metrics (METRICS_PORT; not on the API's port)`);
  if (config.usesDevSecret && service.tokens) {
    const tokens = service.tokens;
    lines.push(`  bound to ${config.host} only: tokens are signed with the built-in dev secret, so set JWT_SECRET to listen elsewhere`);
    lines.push('', 'Dev tokens (valid 24 h; JWT_SECRET is the local dev secret):');
    const users = service.directory.sampleUsers(3);
    for (const user of users) lines.push(`  ${user.name.padEnd(16)} ${await tokens.issue(user.id, DEV_TOKEN_TTL_SECONDS)}`);
    const film = service.directory.sampleFilm();
    const first = users[0];
    if (first && film) {
      const tomorrow = new Date(Date.now() + 24 * 3600_000).toISOString().slice(0, 11) + '20:00:00Z';
      lines.push('', 'Try:', `  TOKEN=${await tokens.issue(first.id, DEV_TOKEN_TTL_SECONDS)}`,
        `  curl -s -X POST ${base}/api/v1/announcements -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \\`,
        `    -d '{"movieId":"${film.id}","title":"${film.title} at mine","startsAt":"${tomorrow}","place":{"city":"Berlin","address":"Torstraße 1"},"capacity":4}'`);
    }
  }
  console.log(lines.join('\n'));
};
