import type { AnnouncementState, AnnouncementStatus, BookingStatus, Privacy, UserRating } from '../../domain/index.js';

/** Where a search continues: the sort key of the last row of the previous page. */
export type SearchKey =
  | { readonly sort: 'startsAt'; readonly startsAt: string; readonly id: string }
  | { readonly sort: 'rating'; readonly score: number; readonly startsAt: string; readonly id: string };

export type SearchCriteria = {
  /** Never a screening of a host with a block between them and the viewer (S3). */
  readonly viewerId: string;
  /** Hosts whose friends-only screenings the viewer may see (their friends, and themself). */
  readonly friendHostIds: readonly string[];
  /**
   * I1, I2: friends-only screenings the viewer is invited to show too — directly, or through a
   * link that is not revoked and whose screening starts after `now` (invitationStands).
   */
  readonly now: Date;
  readonly from?: Date;
  readonly to?: Date;
  readonly city?: string;
  readonly near?: { readonly lat: number; readonly lon: number; readonly radiusKm: number };
  readonly movieId?: string;
  readonly hostId?: string;
  readonly isFree?: boolean;
  readonly privacy?: Privacy;
  readonly tags?: readonly string[];
  readonly hasSeats?: boolean;
  readonly minHostRating?: number;
  readonly q?: string;
  readonly status: AnnouncementStatus;
  readonly sort: 'startsAt' | 'rating';
  readonly limit: number;
  readonly after?: SearchKey;
};

/**
 * `viewerBooking`: the viewer's latest booking of the screening, if any — S1/S2 decide what they
 * see by it. `hostRating`: both sides of the host's rating, found with the hit, so a page needs
 * no second read for them.
 */
export type SearchHit = {
  readonly announcement: AnnouncementState;
  readonly key: SearchKey;
  readonly viewerBooking: { readonly status: BookingStatus } | null;
  readonly hostRating: UserRating;
};

export interface AnnouncementSearch {
  /** At most `limit` hits in sort order, strictly after `after`. */
  search(criteria: SearchCriteria): Promise<SearchHit[]>;
}
