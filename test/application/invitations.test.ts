import { expect } from 'chai';
import { backends } from '../contract/backends.js';
import { Core, failure, ok } from '../support/core.js';
import { at, DAY, HOUR, USERS } from '../support/fixtures.js';

/** RULES §10 I1, I2 and A5 with invitations, through the use cases on every backend. */
for (const backend of backends()) {
  describe(`Invitations, use cases on ${backend.name}`, function () {
    this.timeout(30_000);
    let core: Core;
    beforeEach(async () => { core = await Core.start(backend); });
    afterEach(() => core.stop());

    const friendsOnly = (hostId: string = USERS.host, startsAt = at(DAY + 8 * HOUR)) =>
      core.announce({ privacy: 'friends', title: 'Just friends', startsAt }, hostId);
    const sees = async (userId: string, announcementId: string) => {
      const detail = (await core.uc.getAnnouncement.execute(userId, announcementId)).isOk();
      const found = ok(await core.uc.searchAnnouncements.execute(userId, { status: 'open', sort: 'startsAt', limit: 50 })).items.some((i) => i.id === announcementId);
      expect(found, `search agrees with the detail for ${userId}`).to.equal(detail);
      return detail;
    };

    it('lets a stranger holding a live link see and ask for a friends-only screening, until it is revoked', async () => {
      const a = await friendsOnly();
      expect(await sees(USERS.stranger, a.id)).to.equal(false);
      const link = ok(await core.uc.inviteLinks.create(USERS.host, a.id));
      expect(link).to.include({ announcementId: a.id, live: true, revokedAt: null });
      expect(link.url).to.equal(`http://wt.test/invites/${link.token}`);
      expect(ok(await core.uc.inviteLinks.list(USERS.host, a.id)).map((l) => l.token)).to.deep.equal([link.token]);

      const opened = ok(await core.uc.inviteLinks.open(USERS.stranger, link.token));
      expect(opened).to.include({ id: a.id, title: 'Just friends' });
      expect(opened.place.addressHidden, 'an invitation is not an acceptance (S1)').to.equal(true);
      expect(await sees(USERS.stranger, a.id)).to.equal(true);
      expect(await sees(USERS.other, a.id), 'only for the one who opened it').to.equal(false);

      const asked = ok(await core.uc.inviteLinks.book(USERS.other, link.token, { seats: 2 }));
      expect(asked).to.include({ status: 'pending', seats: 2, guestId: USERS.other });

      ok(await core.uc.inviteLinks.revoke(USERS.host, link.token));
      expect(ok(await core.uc.inviteLinks.list(USERS.host, a.id))[0]).to.include({ live: false });
      expect(await sees(USERS.stranger, a.id), 'the link died with its revocation').to.equal(false);
      // An applicant keeps sight of what they asked for (A5), though search lists friends-only screenings to friends and the invited alone.
      expect((await core.uc.getAnnouncement.execute(USERS.other, a.id)).isOk(), 'the applicant').to.equal(true);
      expect(failure(await core.uc.inviteLinks.open(USERS.guest, link.token)).code).to.equal('INVITE.GONE');
      expect(failure(await core.uc.inviteLinks.book(USERS.guest, link.token, {})).code).to.equal('INVITE.GONE');
    });

    it('answers an unknown, forged or foreign token as not found, and lets only the host make, list and revoke links', async () => {
      const a = await friendsOnly();
      const link = ok(await core.uc.inviteLinks.create(USERS.host, a.id));
      const forged = `${link.token.slice(0, -2)}${link.token.endsWith('AA') ? 'AB' : 'AA'}`;
      for (const token of ['nope', forged, ''])
        expect(failure(await core.uc.inviteLinks.open(USERS.stranger, token)).code, token).to.equal('INVITE.NOT_FOUND');
      expect(failure(await core.uc.inviteLinks.revoke(USERS.stranger, link.token)).code).to.equal('INVITE.NOT_FOUND');
      expect(failure(await core.uc.inviteLinks.revoke(USERS.host, 'nope')).code).to.equal('INVITE.NOT_FOUND');
      expect(failure(await core.uc.inviteLinks.book(USERS.stranger, forged, {})).code).to.equal('INVITE.NOT_FOUND');
      // The host's own link opens their screening, and asks nothing of them.
      expect(ok(await core.uc.inviteLinks.open(USERS.host, link.token)).id).to.equal(a.id);
      expect(failure(await core.uc.inviteLinks.revoke(USERS.friend, link.token)).code).to.equal('ANNOUNCEMENT.NOT_HOST');
      expect(failure(await core.uc.inviteLinks.create(USERS.friend, a.id)).code).to.equal('ANNOUNCEMENT.NOT_HOST');
      expect(failure(await core.uc.inviteLinks.list(USERS.stranger, a.id)).code).to.equal('ANNOUNCEMENT.NOT_FOUND');
    });

    it('lets a link die at the screening’s start, and refuses new links to one that started or was cancelled', async () => {
      const a = await friendsOnly(USERS.host, at(2 * HOUR));
      const link = ok(await core.uc.inviteLinks.create(USERS.host, a.id));
      ok(await core.uc.inviteLinks.open(USERS.stranger, link.token));
      core.clock.advance(2 * HOUR);
      expect(await sees(USERS.stranger, a.id)).to.equal(false);
      expect(failure(await core.uc.inviteLinks.open(USERS.other, link.token)).code).to.equal('INVITE.GONE');
      expect(failure(await core.uc.inviteLinks.create(USERS.host, a.id))).to.deep.include({ code: 'INVITE.CLOSED', status: 'open' });
      const b = await friendsOnly(USERS.host, at(3 * DAY));
      ok(await core.uc.cancelAnnouncement.execute({ actorId: USERS.host, announcementId: b.id }));
      expect(failure(await core.uc.inviteUsers.execute(USERS.host, b.id, [USERS.other])).code).to.equal('INVITE.CLOSED');
    });

    it('invites people by name: each sees the screening, may ask, and is told once', async () => {
      const a = await friendsOnly();
      const invited = ok(await core.uc.inviteUsers.execute(USERS.host, a.id, [USERS.other, USERS.other, USERS.host]));
      expect(invited.invited).to.deep.equal([{ id: USERS.other, name: 'Otto Other' }]);
      ok(await core.uc.inviteUsers.execute(USERS.host, a.id, [USERS.other]));
      const told = (await core.inbox(USERS.other)).filter((n) => n.type === 'announcement.invited');
      expect(told).to.have.length(1);
      expect(told[0]!.body).to.match(/Hanna Host invites you to watch Ninety Minutes/);
      expect(await sees(USERS.other, a.id)).to.equal(true);
      expect(await sees(USERS.stranger, a.id)).to.equal(false);
      expect(ok(await core.uc.createBooking.execute({ guestId: USERS.other, announcementId: a.id })).status).to.equal('pending');
      expect(failure(await core.uc.inviteUsers.execute(USERS.friend, a.id, [USERS.stranger])).code).to.equal('ANNOUNCEMENT.NOT_HOST');
    });

    it('never lets an invitation through a block, nor tells of one', async () => {
      const a = await friendsOnly();
      ok(await core.uc.blockUser.execute(USERS.stranger, USERS.host));
      const invited = ok(await core.uc.inviteUsers.execute(USERS.host, a.id, [USERS.stranger]));
      expect(invited.invited.map((p) => p.id), 'answered like anyone').to.deep.equal([USERS.stranger]);
      expect((await core.inbox(USERS.stranger)).filter((n) => n.type === 'announcement.invited')).to.have.length(0);
      const link = ok(await core.uc.inviteLinks.create(USERS.host, a.id));
      expect(failure(await core.uc.inviteLinks.open(USERS.stranger, link.token)).code).to.equal('INVITE.NOT_FOUND');
      expect(failure(await core.uc.inviteLinks.book(USERS.stranger, link.token, {})).code).to.equal('INVITE.NOT_FOUND');
      expect(await sees(USERS.stranger, a.id)).to.equal(false);
      // Nothing was recorded through the block: lifted, it leaves the stranger uninvited.
      expect(await core.uc.blocks.remove(USERS.stranger, USERS.host)).to.equal(true);
      expect(await sees(USERS.stranger, a.id)).to.equal(false);
    });
  });
}
