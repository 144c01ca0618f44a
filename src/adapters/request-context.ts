import { AsyncLocalStorage } from 'node:async_hooks';

type RequestContext = {
  readonly requestId: string;
  /** Neighbours that already failed while answering this request. */
  readonly unavailable: Set<string>;
  /** A WAL position the request's reads must see (`WT-Read-After`): the client's own last write. */
  readAfter?: string;
  /** Where the primary's WAL stood after this request's commit, when its commit said (a primary with a read replica). */
  written?: string;
};

/**
 * What the HTTP adapter knows about the request being answered, for code deeper down that has
 * no context object: the neighbour clients send its id on as `X-Request-Id`, and do not wait a
 * second time for a neighbour that already failed during the same request; reads on a replica
 * wait for the position the client asked to read after.
 */
export const requestContext = {
  run: <T>(requestId: string, work: () => Promise<T>): Promise<T> => storage.run({ requestId, unavailable: new Set() }, work),
  /** The request's reads must see the database at `position` or later (a replica waits for it, or the primary answers). */
  readAfter: (position: string): void => {
    const context = storage.getStore();
    if (context) context.readAfter = position;
  },
  /** The request's write committed, and the WAL stood at `position` after it. */
  wrote: (position: string): void => {
    const context = storage.getStore();
    if (context) context.written = position;
  },
};

const storage = new AsyncLocalStorage<RequestContext>();

export const currentRequest = (): RequestContext | undefined => storage.getStore();

export const currentRequestId = (): string | undefined => storage.getStore()?.requestId;
