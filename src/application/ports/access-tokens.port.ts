/** Verifies a bearer token; the user id (`sub`) when it is valid, null for anything else. */
export interface AccessTokens {
  verify(token: string): Promise<string | null>;
}
