import type { Reliability } from '../../domain/index.js';
import { NeighbourUnavailableError } from '../errors.js';
import type { RatingReader } from '../ports/rating-reader.port.js';
import type { UserDirectory } from '../ports/user-directory.port.js';
import type { PeopleFacts } from './views.js';

/**
 * Names and ratings of everyone a response shows: one directory call, one ratings read. Names
 * are display data: when the user service cannot answer, they are missing (null in the
 * answer), and the request goes on.
 */
export class People {
  constructor(
    private readonly users: UserDirectory,
    private readonly ratings: RatingReader,
  ) {}

  async facts(userIds: readonly string[]): Promise<PeopleFacts> {
    const ids = [...new Set(userIds)];
    if (ids.length === 0) return { names: new Map(), ratings: new Map() };
    const [names, ratings] = await Promise.all([this.names(ids), this.ratings.ofUsers(ids)]);
    return { names, ratings };
  }

  async names(userIds: readonly string[]): Promise<ReadonlyMap<string, string>> {
    const ids = [...new Set(userIds)];
    if (ids.length === 0) return new Map();
    try {
      return await this.users.namesOf(ids);
    } catch (error) {
      if (error instanceof NeighbourUnavailableError) return new Map();
      throw error;
    }
  }

  /** S5: how each guest kept their word before: attended, no-shows, late cancellations. */
  reliabilityOf(userIds: readonly string[]): Promise<ReadonlyMap<string, Reliability>> {
    return userIds.length === 0 ? Promise.resolve(new Map()) : this.ratings.reliabilityOf([...new Set(userIds)]);
  }

  /**
   * The user's friends, or none when the user service cannot say: friendship decides who sees
   * a friends-only screening, so it is never assumed (fail closed).
   */
  async friendsOf(userId: string): Promise<readonly string[]> {
    try {
      return await this.users.friendsOf(userId);
    } catch (error) {
      if (error instanceof NeighbourUnavailableError) return [];
      throw error;
    }
  }
}
