import type { Invitation } from '../../domain/index.js';
import type { InviteLink, InviteRepository } from '../../application/index.js';
import { rows, run, type Queryable } from './pg-client.js';

type LinkRow = { id: string; announcement_id: string; created_by: string; created_at: Date; revoked_at: Date | null };
const LINK_COLUMNS = 'id, announcement_id, created_by, created_at, revoked_at';
const toLink = (r: LinkRow): InviteLink => ({
  id: r.id, announcementId: r.announcement_id, createdBy: r.created_by, createdAt: r.created_at, revokedAt: r.revoked_at,
});

/** I1, I2: invite_links (only the tokens' hashes) and invitations, one per screening and user. */
export class PgInvites implements InviteRepository {
  constructor(private readonly db: Queryable) {}

  async add(link: InviteLink, tokenHash: string): Promise<void> {
    await run(this.db, `INSERT INTO invite_links (id, token_hash, announcement_id, created_by, created_at, revoked_at)
      VALUES ($1, decode($2, 'hex'), $3, $4, $5, $6)`, [link.id, tokenHash, link.announcementId, link.createdBy, link.createdAt, link.revokedAt]);
  }

  async byTokenHash(tokenHash: string): Promise<InviteLink | null> {
    const [row] = await rows<LinkRow>(this.db, `SELECT ${LINK_COLUMNS} FROM invite_links WHERE token_hash = decode($1, 'hex')`, [tokenHash]);
    return row ? toLink(row) : null;
  }

  async ofAnnouncement(announcementId: string): Promise<InviteLink[]> {
    return (await rows<LinkRow>(this.db, `SELECT ${LINK_COLUMNS} FROM invite_links WHERE announcement_id = $1 ORDER BY created_at, id`,
      [announcementId])).map(toLink);
  }

  async revoke(id: string, now: Date): Promise<void> {
    await run(this.db, 'UPDATE invite_links SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL', [id, now]);
  }

  /** One statement: a direct invitation (NULL link) wins over a link's; a link replaces a link. */
  async invite(announcementId: string, userId: string, linkId: string | null, now: Date): Promise<boolean> {
    const [row] = await rows<{ inserted: boolean; before_link: string | null }>(this.db, `
      WITH before AS (SELECT link_id FROM invitations WHERE announcement_id = $1 AND user_id = $2)
      INSERT INTO invitations AS i (announcement_id, user_id, link_id, created_at) VALUES ($1, $2, $3, $4)
      ON CONFLICT (announcement_id, user_id) DO UPDATE SET link_id = EXCLUDED.link_id
        WHERE i.link_id IS NOT NULL
      RETURNING (xmax = 0) AS inserted, (SELECT link_id FROM before) AS before_link`, [announcementId, userId, linkId, now]);
    if (!row) return false; // a direct invitation stood: nothing changed
    return row.inserted || (linkId === null && row.before_link !== null);
  }

  async invitationOf(announcementId: string, userId: string): Promise<Invitation | null> {
    const [row] = await rows<{ link_id: string | null; revoked: boolean | null }>(this.db, `
      SELECT i.link_id, l.revoked_at IS NOT NULL AS revoked FROM invitations i LEFT JOIN invite_links l ON l.id = i.link_id
       WHERE i.announcement_id = $1 AND i.user_id = $2`, [announcementId, userId]);
    if (!row) return null;
    return row.link_id === null ? { kind: 'direct' } : { kind: 'link', linkRevoked: row.revoked === true };
  }
}
