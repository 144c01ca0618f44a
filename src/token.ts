import { Hs256AccessTokens } from './adapters/auth/hs256-access-tokens.js';
import { ConfigError, loadConfig } from './config.js';

/** `npm run token -- <userId> [ttlHours]`: a bearer token signed with JWT_SECRET (or the dev secret). */
const [userId, ttlHours = '24'] = process.argv.slice(2);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
try {
  if (!userId || !UUID.test(userId)) throw new ConfigError('usage: npm run token -- <userId (UUID)> [ttlHours]');
  const hours = Number(ttlHours);
  if (!(hours > 0)) throw new ConfigError('ttlHours must be a positive number');
  const { jwtSecret } = loadConfig();
  if (!jwtSecret) throw new ConfigError('No JWT_SECRET: with JWKS_URL alone, tokens come from the identity provider');
  console.log(await new Hs256AccessTokens(jwtSecret).issue(userId.toLowerCase(), Math.round(hours * 3600)));
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(2);
}
