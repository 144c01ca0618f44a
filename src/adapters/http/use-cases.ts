import type {
  BlockUser, Blocks, LinkPreview, CancelAnnouncement, ChangeBookingStatus, CreateAnnouncement, CreateBooking, FileReport, GetAnnouncement, GetBooking,
  ListAnnouncementBookings, ListMyBookings, MarkAttendance, RateParticipant, ReadInbox, ReadRatings, ReadSchedule, SearchAnnouncements,
  UpdateAnnouncement, InviteLinks, InviteUsers, SearchFilms,
} from '../../application/index.js';

/** The use cases the HTTP adapter drives; main.ts builds them. */
export type UseCases = {
  readonly createAnnouncement: CreateAnnouncement;
  readonly searchAnnouncements: SearchAnnouncements;
  readonly getAnnouncement: GetAnnouncement;
  readonly updateAnnouncement: UpdateAnnouncement;
  readonly cancelAnnouncement: CancelAnnouncement;
  readonly createBooking: CreateBooking;
  readonly listAnnouncementBookings: ListAnnouncementBookings;
  readonly listMyBookings: ListMyBookings;
  readonly getBooking: GetBooking;
  readonly changeBookingStatus: ChangeBookingStatus;
  readonly readInbox: ReadInbox;
  readonly rateParticipant: RateParticipant;
  readonly readRatings: ReadRatings;
  readonly readSchedule: ReadSchedule;
  readonly blockUser: BlockUser;
  readonly blocks: Blocks;
  readonly fileReport: FileReport;
  readonly markAttendance: MarkAttendance;
  readonly linkPreview: LinkPreview;
  readonly inviteLinks: InviteLinks;
  readonly inviteUsers: InviteUsers;
  readonly searchFilms: SearchFilms;
};
