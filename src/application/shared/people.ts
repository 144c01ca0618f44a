import type { RatingReader } from '../ports/rating-reader.port.js';
import type { UserDirectory } from '../ports/user-directory.port.js';
import type { PeopleFacts } from './views.js';

/** Names and ratings of everyone a response shows: one directory call, one ratings read. */
export class People {
  constructor(
    private readonly users: UserDirectory,
    private readonly ratings: RatingReader,
  ) {}

  async facts(userIds: readonly string[]): Promise<PeopleFacts> {
    const ids = [...new Set(userIds)];
    if (ids.length === 0) return { names: new Map(), ratings: new Map() };
    const [names, ratings] = await Promise.all([this.users.namesOf(ids), this.ratings.ofUsers(ids)]);
    return { names, ratings };
  }

  names(userIds: readonly string[]): Promise<ReadonlyMap<string, string>> {
    const ids = [...new Set(userIds)];
    return ids.length === 0 ? Promise.resolve(new Map()) : this.users.namesOf(ids);
  }
}
