import { AsyncLocalStorage } from 'node:async_hooks';
import type { Pool, PoolClient } from 'pg';
import { commit, routeThrough, unavailable } from './pg-client.js';

type Scope = { held?: PoolClient };

/**
 * A request whose answer must be kept with its write (an `Idempotency-Key`) runs in a scope:
 * the unit of work does not commit the write's transaction but holds it open, the answer is
 * built inside it (its reads see the write), and the scope's owner stores the answer on the
 * same connection and commits both at once. So a process killed between its commit and its
 * answer leaves either both or neither — never a write whose retry is refused as a duplicate.
 */
export class RequestTransactions {
  private readonly scopes = new AsyncLocalStorage<Scope>();

  constructor(pool: Pool) {
    // Every statement the adapters send through the pool goes to the held transaction instead,
    // inside its scope: the answer's reads must see the write, and on PGlite (one connection)
    // they could not get another connection anyway.
    routeThrough(pool, () => this.scopes.getStore()?.held);
  }

  /** Runs `work` in a scope of its own; `finish` then decides the fate of the transaction it left held, if any. */
  async within<T>(work: () => Promise<T>, finish: (held: PoolClient | undefined, outcome: { value: T } | { error: unknown }) => Promise<T>): Promise<T> {
    const scope: Scope = {};
    return this.scopes.run(scope, async () => {
      let outcome: { value: T } | { error: unknown };
      try {
        outcome = { value: await work() };
      } catch (error) {
        outcome = { error };
      }
      const held = scope.held;
      delete scope.held;
      return finish(held, outcome);
    });
  }

  /** Whether a write's commit in this async context belongs to its scope. */
  get deferring(): boolean {
    return this.scopes.getStore() !== undefined;
  }

  /** The transaction this scope holds open, if its write already happened. */
  get held(): PoolClient | undefined {
    return this.scopes.getStore()?.held;
  }

  hold(client: PoolClient): void {
    this.scopes.getStore()!.held = client;
  }
}

/** Ends a held transaction: `last` and COMMIT, or ROLLBACK when there is no `last`; the connection goes back to the pool either way. */
export const endHeld = async (client: PoolClient, last: ((db: PoolClient) => Promise<void>) | null): Promise<void> => {
  let broken = false;
  try {
    if (last) {
      await last(client);
      await commit(client);
    } else {
      await client.query('ROLLBACK');
    }
  } catch (error) {
    await client.query('ROLLBACK').catch(() => (broken = true));
    throw unavailable(error);
  } finally {
    client.release(broken);
  }
};
