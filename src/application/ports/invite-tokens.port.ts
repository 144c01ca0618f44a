/**
 * I1's tokens: unguessable, and derivable from the link's id only with the service's secret, so
 * the host's list can show each link again while the database keeps only the tokens' hashes.
 */
export interface InviteTokens {
  /** The token of a link. */
  tokenOf(linkId: string): string;
  /** What is stored and looked up instead of the token; null for a string that is no token of ours. */
  hashOf(token: string): string | null;
}
