import DataLoader from 'dataloader';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import type { UserDirectory } from '../../application/index.js';
import type { NeighbourClient } from './neighbour-client.js';

const Users = z.array(z.object({ id: z.string().min(1), name: z.string() }));
const Friends = z.object({ friends: z.array(z.string().min(1)) });

/** How long answers of the user service are reused, and how many are kept. */
export type UserCachePolicy = { readonly namesTtlMs: number; readonly friendsTtlMs: number; readonly maxEntries: number };

/**
 * Names are display data: a renamed user shows the old name for up to a minute. Friendship
 * decides who sees a friends-only screening, so it is kept for seconds only: an unfriended
 * user stops seeing the host's friends-only screenings within 10 s.
 */
export const USER_CACHE_POLICY: UserCachePolicy = { namesTtlMs: 60_000, friendsTtlMs: 10_000, maxEntries: 10_000 };

/** The user service allows this many ids in one `GET /users?ids=` (and URLs stay short). */
export const IDS_PER_CALL = 100;

/**
 * RULES §7's user service over HTTP. Names come from `GET /users?ids=a,b`: every name a
 * request needs is asked for in one call (DataLoader gathers the lookups made in the same tick,
 * also those of concurrent requests, and asks only for ids not in the cache). Friends come from
 * `GET /users/{id}/friends`; concurrent lookups for the same user share one call.
 */
export class HttpUserDirectory implements UserDirectory {
  private readonly names: DataLoader<string, string | null>;
  private readonly friends: LRUCache<string, readonly string[]>;

  constructor(private readonly client: NeighbourClient, policy: UserCachePolicy = USER_CACHE_POLICY) {
    // A failed batch is dropped from the cache by DataLoader, so the next request asks again.
    const cached = new LRUCache<string, Promise<string | null>>({ max: policy.maxEntries, ttl: policy.namesTtlMs });
    this.names = new DataLoader((ids) => this.fetchNames(ids), { maxBatchSize: IDS_PER_CALL, cacheMap: cached });
    this.friends = new LRUCache<string, readonly string[]>({
      max: policy.maxEntries, ttl: policy.friendsTtlMs,
      fetchMethod: async (userId) => (await this.client.get(`/users/${encodeURIComponent(userId)}/friends`, Friends, 'null'))?.friends ?? [],
    });
  }

  async namesOf(userIds: readonly string[]): Promise<ReadonlyMap<string, string>> {
    const names = await this.names.loadMany(userIds);
    const found = new Map<string, string>();
    names.forEach((name, i) => {
      if (name instanceof Error) throw name;
      if (name !== null) found.set(userIds[i]!, name);
    });
    return found;
  }

  async friendsOf(userId: string): Promise<readonly string[]> {
    return (await this.friends.fetch(userId)) ?? [];
  }

  private async fetchNames(ids: readonly string[]): Promise<Array<string | null>> {
    const users = await this.client.get(`/users?ids=${ids.map(encodeURIComponent).join(',')}`, Users);
    const byId = new Map(users.map((u) => [u.id, u.name]));
    return ids.map((id) => byId.get(id) ?? null);
  }
}
