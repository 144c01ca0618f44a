/**
 * The user service. Batched by design: one call per request, never one per guest. Either
 * method may throw NeighbourUnavailableError.
 */
export interface UserDirectory {
  /** Display names of the given users; unknown users are simply absent. */
  namesOf(userIds: readonly string[]): Promise<ReadonlyMap<string, string>>;
  /** The user's friends. Friendship is taken as mutual (see docs/ARCHITECTURE.md). */
  friendsOf(userId: string): Promise<readonly string[]>;
}
