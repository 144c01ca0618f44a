import { err, ok, type Result } from 'neverthrow';
import { Announcement, domainError, firstConflict, type AnnouncementDraft, type DomainError } from '../../domain/index.js';
import type { Clock } from '../ports/clock.port.js';
import type { FilmCatalog } from '../ports/film-catalog.port.js';
import type { IdGenerator } from '../ports/id-generator.port.js';
import type { LinkShortener } from '../ports/link-shortener.port.js';
import type { TimeZoneLookup } from '../ports/time-zone-lookup.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import type { AnnouncementDetails } from '../shared/announcement-details.js';
import { withTimeZone } from '../shared/place-zone.js';
import type { AnnouncementDetail } from '../shared/views.js';

export type CreateAnnouncementCommand = {
  readonly hostId: string;
  readonly movieId: string;
  readonly draft: AnnouncementDraft;
};

export class CreateAnnouncement {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly films: FilmCatalog,
    private readonly links: LinkShortener,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    private readonly details: AnnouncementDetails,
    private readonly zones?: TimeZoneLookup,
  ) {}

  async execute(command: CreateAnnouncementCommand): Promise<Result<AnnouncementDetail, DomainError>> {
    const film = await this.films.byId(command.movieId);
    if (!film) return err(domainError('MOVIE.UNKNOWN', { movieId: command.movieId }));
    const id = this.ids.next();
    const created = Announcement.create({
      id, hostId: command.hostId, film, link: await this.links.next(), now: this.clock.now(),
      draft: { ...command.draft, place: withTimeZone(command.draft.place, this.zones) },
    });
    if (created.isErr()) return err(created.error);
    const announcement = created.value;

    const saved = await this.uow.transaction(async ({ announcements, commitments }) => {
      await commitments.lockUsers([command.hostId]);
      const conflict = firstConflict(await commitments.overlapping([command.hostId], announcement.range), announcement.range);
      if (conflict) return err(domainError('SCHEDULE.CONFLICT', { announcementId: conflict.announcementId, as: conflict.as }));
      return announcements.save(announcement, true);
    });
    if (saved.isErr()) return err(saved.error);
    return ok(await this.details.of(announcement, null, command.hostId));
  }
}
