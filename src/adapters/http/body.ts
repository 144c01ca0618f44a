import { bodyParser } from '@koa/bodyparser';
import type { Context } from 'koa';
import { problem, type HttpProblem } from './problem.js';

/** Bodies here are small forms; anything bigger is a mistake or an attack. */
const BODY_LIMIT = '64kb';
const parser = bodyParser({ enableTypes: ['json'], jsonLimit: BODY_LIMIT, jsonStrict: true });

type ReadError = Error & { status?: number; type?: string; code?: string; errno?: number };

/** What went wrong reading a body, as the problem the client caused. Anything else is ours. */
const bodyProblem = (error: ReadError): HttpProblem | null => {
  if (error.type === 'entity.too.large' || error.status === 413)
    return problem('REQUEST.TOO_LARGE', 'Request too large', 'The request body is larger than this API accepts.');
  if (error.status === 415)
    return problem('REQUEST.UNSUPPORTED_ENCODING', 'Unsupported encoding',
      'Send the body as identity, gzip, deflate or br, in UTF-8.');
  // zlib and brotli failures carry an errno or a zlib code, and no status.
  if (error.errno !== undefined || /^(Z_|ERR__ERROR)/.test(error.code ?? ''))
    return problem('REQUEST.MALFORMED_BODY', 'Malformed body', 'The body is not what its Content-Encoding says.');
  // co-body's parse failures are SyntaxErrors (or plain errors) carrying status 400.
  if (error.status === 400)
    return problem('REQUEST.MALFORMED_JSON', 'Malformed JSON', 'The request body is not valid JSON.');
  return null;
};

/** Reads a JSON body once the caller is known: nobody without a token makes the server parse anything. */
export const readJsonBody = async (ctx: Context, expectsBody: boolean): Promise<void> => {
  if (expectsBody && ctx.request.length && !ctx.is('json'))
    throw problem('REQUEST.UNSUPPORTED_MEDIA_TYPE', 'Send JSON', 'The request body must be application/json.');
  try {
    await parser(ctx, async () => undefined);
  } catch (error) {
    throw bodyProblem(error as ReadError) ?? error;
  }
};
