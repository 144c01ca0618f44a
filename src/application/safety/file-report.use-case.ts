import { err, ok, type Result } from 'neverthrow';
import { domainError, fileReport, PLATFORM_RECIPIENT_ID, type DomainError, type Notification, type ReportReason, type ReportSubject } from '../../domain/index.js';
import type { Clock } from '../ports/clock.port.js';
import type { IdGenerator } from '../ports/id-generator.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import type { AnnouncementAccess } from '../shared/announcement-access.js';
import type { People } from '../shared/people.js';

export type ReportCommand = {
  readonly reporterId: string;
  readonly subject: ReportSubject;
  readonly reason: ReportReason;
  readonly details?: string | null;
};

export type ReportReceipt = { readonly id: string; readonly status: 'open' };

/**
 * RULES §9 S4: a report is stored and handed to the platform (`report.filed`, through the
 * outbox and the dispatcher, in the same transaction). A subject the reporter cannot see — a
 * screening hidden from them, someone else's booking — does not exist for them (404).
 */
export class FileReport {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AnnouncementAccess,
    private readonly people: People,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    /** Where the platform's staff open the subject: `{base}/api/v1/{users|announcements|bookings}/{id}…`. */
    private readonly publicBaseUrl: string,
  ) {}

  async execute(command: ReportCommand): Promise<Result<ReportReceipt, DomainError>> {
    const about = await this.subjectAbout(command.reporterId, command.subject);
    if (about.isErr()) return err(about.error);
    const now = this.clock.now();
    const report = fileReport({
      id: this.ids.next(), reporterId: command.reporterId, subject: command.subject, reason: command.reason,
      details: command.details ?? null, createdAt: now,
    });
    if (report.isErr()) return err(report.error);
    const names = await this.people.names([command.reporterId]);
    const r = report.value;
    const notice: Notification = {
      id: this.ids.next(), type: 'report.filed', recipientId: PLATFORM_RECIPIENT_ID, ...about.value, createdAt: now,
      link: `${this.publicBaseUrl}/api/v1/${r.subject.kind === 'user' ? `users/${r.subject.id}/rating` : `${r.subject.kind}s/${r.subject.id}`}`,
      title: `Report (${r.reason}) about a ${r.subject.kind === 'announcement' ? 'screening' : r.subject.kind === 'user' ? 'person' : 'booking'}`,
      body: `${names.get(r.reporterId) ?? 'A user'} (${r.reporterId}) reported ${r.subject.kind} ${r.subject.id}: ${r.reason}.${r.details ? ` “${r.details}”` : ''} Report ${r.id}.`,
    };
    return this.uow.transaction(async ({ reports, outbox }) => {
      const added = await reports.add(r);
      if (added.isErr()) return err(added.error);
      await outbox.append([notice]);
      return ok({ id: r.id, status: 'open' as const });
    });
  }

  /** The screening the subject belongs to, if any, once the reporter is known to see it. */
  private async subjectAbout(reporterId: string, subject: ReportSubject): Promise<Result<{ announcementId?: string; bookingId?: string }, DomainError>> {
    switch (subject.kind) {
      case 'user':
        return ok({});
      case 'announcement': {
        const seen = await this.access.visible(reporterId, subject.id);
        return seen.isOk() ? ok({ announcementId: subject.id }) : err(domainError('REPORT.SUBJECT_NOT_FOUND'));
      }
      case 'booking': {
        const booking = await this.uow.reads.bookings.byId(subject.id);
        return booking?.isVisibleTo(reporterId)
          ? ok({ announcementId: booking.announcementId, bookingId: booking.id }) : err(domainError('REPORT.SUBJECT_NOT_FOUND'));
      }
    }
  }
}
