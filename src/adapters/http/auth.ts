import type { Context } from 'koa';
import type { AccessTokens } from '../../application/index.js';
import { problem } from './problem.js';

/** The scheme is case-insensitive (RFC 9110 §11.1); the token is a compact JWS. */
const BEARER = /^Bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)$/i;

/** RULES §6: missing, malformed, forged, expired and `alg: none` tokens all get the same 401. */
export const authenticate = async (ctx: Context, tokens: AccessTokens): Promise<string> => {
  const header = ctx.get('Authorization');
  const token = BEARER.exec(header)?.[1];
  const userId = token ? await tokens.verify(token) : null;
  if (userId) return userId;
  throw problem('AUTH.UNAUTHENTICATED', 'Authentication required',
    header ? 'The access token is malformed, forged or expired.' : 'Send Authorization: Bearer <token>.',
    { headers: { 'WWW-Authenticate': header ? 'Bearer error="invalid_token"' : 'Bearer' } });
};
