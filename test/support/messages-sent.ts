import pg from 'pg';
import sinon from 'sinon';
import { preparedText } from '../../src/adapters/postgres/pg-client.js';

/**
 * The statements each message node-postgres sent while `work` ran carried, joined by ';\n': a
 * batch sends EXECUTEs of statements it prepared (PREPAREs first, on a connection's first use),
 * read here as their texts, its PREPAREs left out.
 */
export const messagesSent = async (work: () => Promise<unknown>): Promise<string[]> => {
  const spy = sinon.spy(pg.Client.prototype, 'query');
  try {
    await work();
  } finally {
    spy.restore();
  }
  return spy.args.map(([query]: unknown[]) => (typeof query === 'string' ? query : (query as { text: string }).text)
    .split(';\n').filter((statement) => !statement.startsWith('PREPARE '))
    .map((statement) => statement.replace(/^EXECUTE "([^"]+)".*$/s, (all, name: string) => preparedText(name) ?? all)).join(';\n'));
};

/** Every statement sent while `work` ran, in order, one a string. */
export const statementsSent = async (work: () => Promise<unknown>): Promise<string[]> =>
  (await messagesSent(work)).flatMap((message) => message.split(';\n'));
