import type {
  CancelAnnouncement, ChangeBookingStatus, CreateAnnouncement, CreateBooking, GetAnnouncement, GetBooking,
  ListAnnouncementBookings, ListMyBookings, RateParticipant, ReadInbox, ReadRatings, ReadSchedule, SearchAnnouncements, UpdateAnnouncement,
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
};
