/** Short links carried by notifications and `shortUrl`; created before the transaction opens. */
export interface LinkShortener {
  forAnnouncement(announcementId: string): Promise<string>;
  forBooking(bookingId: string): Promise<string>;
}

/** The embedded shortener's other half: `GET /s/{code}` asks it where to go. */
export interface ShortLinkTargets {
  targetOf(code: string): Promise<string | null>;
}
