import type { AnnouncementState, AnnouncementStatus, Privacy } from '../../domain/index.js';

/** Where a search continues: the sort key of the last row of the previous page. */
export type SearchKey =
  | { readonly sort: 'startsAt'; readonly startsAt: string; readonly id: string }
  | { readonly sort: 'rating'; readonly score: number; readonly startsAt: string; readonly id: string };

export type SearchCriteria = {
  readonly viewerId: string;
  /** Hosts whose friends-only screenings the viewer may see (their friends, and themself). */
  readonly friendHostIds: readonly string[];
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

export type SearchHit = { readonly announcement: AnnouncementState; readonly key: SearchKey };

export interface AnnouncementSearch {
  /** At most `limit` hits in sort order, strictly after `after`. */
  search(criteria: SearchCriteria): Promise<SearchHit[]>;
}
