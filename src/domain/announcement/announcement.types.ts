export const PRIVACIES = ['public', 'friends'] as const;
export type Privacy = (typeof PRIVACIES)[number];

export const APPROVALS = ['manual', 'auto'] as const;
export type Approval = (typeof APPROVALS)[number];

export const ANNOUNCEMENT_STATUSES = ['open', 'closed', 'cancelled', 'done'] as const;
export type AnnouncementStatus = (typeof ANNOUNCEMENT_STATUSES)[number];
/** Statuses in which a screening still occupies its host's and guests' time. */
export const ACTIVE_ANNOUNCEMENT_STATUSES: readonly AnnouncementStatus[] = ['open', 'closed'];

export type Place = {
  readonly city: string;
  readonly address: string;
  readonly lat?: number;
  readonly lon?: number;
  /** T1: the IANA zone of the place — given, or derived from the point — `UTC` when unknown. Always set once announced. */
  readonly timeZone?: string;
};

/** The film as the catalogue reported it when the screening was announced. */
export type Film = { readonly id: string; readonly title: string; readonly durationMinutes: number };

/** What a host fills in; optional fields get the defaults a host would expect. */
export type AnnouncementDraft = {
  readonly title: string;
  readonly description?: string;
  readonly startsAt: Date;
  readonly durationMinutes?: number;
  readonly place: Place;
  readonly capacity: number;
  readonly privacy?: Privacy;
  readonly isFree?: boolean;
  readonly tags?: readonly string[];
  readonly approval?: Approval;
};

/** A partial update; `status` here only closes or reopens (cancel has its own verb). */
export type AnnouncementChanges = Partial<Omit<AnnouncementDraft, 'durationMinutes'>> & {
  readonly durationMinutes?: number;
  readonly status?: 'open' | 'closed';
};

export type AnnouncementState = {
  readonly id: string;
  readonly hostId: string;
  readonly film: Film;
  readonly title: string;
  readonly description: string;
  readonly startsAt: Date;
  readonly durationMinutes: number;
  readonly place: Place;
  readonly capacity: number;
  readonly privacy: Privacy;
  readonly isFree: boolean;
  readonly tags: readonly string[];
  readonly approval: Approval;
  readonly status: AnnouncementStatus;
  readonly seatsTaken: number;
  readonly shortCode: string;
  readonly shortUrl: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly version: number;
  /** When the current start time was set (announced or moved): reminders whose moment came before it are not due. */
  readonly startSetAt: Date;
};

/** Fields whose change a guest should hear about (RULES §4 "any field a guest cares about"). */
export const GUEST_RELEVANT_FIELDS = [
  'title',
  'description',
  'startsAt',
  'durationMinutes',
  'place',
  'isFree',
  'tags',
] as const;
export type GuestRelevantField = (typeof GUEST_RELEVANT_FIELDS)[number];
