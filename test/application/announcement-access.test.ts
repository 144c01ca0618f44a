import { expect } from 'chai';
import sinon from 'sinon';
import { AnnouncementAccess } from '../../src/application/shared/announcement-access.js';
import type { People } from '../../src/application/shared/people.js';
import type { ReadStores } from '../../src/application/ports/unit-of-work.port.js';
import { Booking, type Announcement, type BookingStatus, type Invitation } from '../../src/domain/index.js';
import { aBooking, anAnnouncement, unwrap } from '../support/domain-builders.js';
import { T0, USERS } from '../support/fixtures.js';

type Facts = { announcement: Announcement | null; booking?: BookingStatus; blocked?: boolean; invitation?: Invitation; friends?: string[] };

/** AnnouncementAccess over stubbed reads: what it answers, and what it had to fetch to answer. */
const access = (facts: Facts) => {
  const booking = facts.booking && facts.announcement
    ? Booking.rehydrate({ ...aBooking(anAnnouncement()).snapshot(), announcementId: facts.announcement.id, guestId: USERS.guest, status: facts.booking })
    : null;
  const reads = {
    announcements: { byId: sinon.stub().resolves(facts.announcement) },
    bookings: { latestOf: sinon.stub().resolves(booking) },
    blocks: { between: sinon.stub().resolves(facts.blocked ?? false) },
    invites: { invitationOf: sinon.stub().resolves(facts.invitation ?? null) },
  };
  const people = { friendsOf: sinon.stub().resolves(facts.friends ?? []) };
  const subject = new AnnouncementAccess(reads as unknown as ReadStores, people as unknown as People, { now: () => T0 });
  return { subject, reads, people };
};

const friendsOnly = () => anAnnouncement({ privacy: 'friends' });
const found = async (facts: Facts, viewer: string = USERS.guest) => {
  const { subject, reads, people } = access(facts);
  const [byFind, byVisible] = [await subject.find(viewer, facts.announcement?.id ?? 'missing'), await subject.visible(viewer, facts.announcement?.id ?? 'missing')];
  expect(byFind.isOk(), 'find and visible agree').to.equal(byVisible.isOk());
  if (byFind.isErr()) expect(byFind.error.code).to.equal('ANNOUNCEMENT.NOT_FOUND');
  if (byVisible.isErr()) expect(byVisible.error.code).to.equal('ANNOUNCEMENT.NOT_FOUND');
  return { seen: byFind.isOk(), myBooking: byFind.isOk() ? byFind.value.myBooking : null, reads, people };
};

/** RULES A5, S3, I1/I2: who finds a screening, and that the user service is asked only when nothing else decides. */
describe('AnnouncementAccess', () => {
  it('finds nothing where there is nothing', async () => {
    expect((await found({ announcement: null })).seen).to.equal(false);
  });

  it('lets the host see their friends-only screening without asking about blocks or friends', async () => {
    const { seen, reads, people } = await found({ announcement: friendsOnly(), blocked: true }, USERS.host);
    expect(seen).to.equal(true);
    expect(reads.blocks.between.called || people.friendsOf.called).to.equal(false);
  });

  it('shows a public screening to a stranger, with their booking, asking nobody about friends or invitations', async () => {
    const { seen, myBooking, reads, people } = await found({ announcement: anAnnouncement(), booking: 'rejected' });
    expect(seen).to.equal(true);
    expect(myBooking?.status).to.equal('rejected');
    expect(reads.invites.invitationOf.called || people.friendsOf.called).to.equal(false);
  });

  it('hides a public screening from someone blocked either way (S3)', async () => {
    expect((await found({ announcement: anAnnouncement(), blocked: true })).seen).to.equal(false);
  });

  it('shows a friends-only screening to a guest who keeps access, before asking about invitations or friends', async () => {
    const { seen, reads, people } = await found({ announcement: friendsOnly(), booking: 'accepted' });
    expect(seen).to.equal(true);
    expect(reads.invites.invitationOf.called || people.friendsOf.called).to.equal(false);
  });

  it('shows a friends-only screening to someone invited, without asking the user service', async () => {
    const { seen, people } = await found({ announcement: friendsOnly(), invitation: { kind: 'direct' } });
    expect(seen).to.equal(true);
    expect(people.friendsOf.called).to.equal(false);
  });

  it('asks the user service last, and shows a friends-only screening to the host’s friend only', async () => {
    const friend = await found({ announcement: friendsOnly(), friends: [USERS.guest] });
    expect(friend.seen).to.equal(true);
    expect(friend.people.friendsOf.calledWith(USERS.host)).to.equal(true);
    const stranger = await found({ announcement: friendsOnly(), friends: [USERS.other], booking: 'cancelled', invitation: { kind: 'link', linkRevoked: true } });
    expect(stranger.seen).to.equal(false);
  });

  it('refuses someone who sees the screening but does not host it (A1), and hands the host theirs', async () => {
    const a = anAnnouncement();
    expect(unwrap(await access({ announcement: a }).subject.findAsHost(USERS.host, a.id)).id).to.equal(a.id);
    expect((await access({ announcement: a }).subject.findAsHost(USERS.guest, a.id))._unsafeUnwrapErr().code).to.equal('ANNOUNCEMENT.NOT_HOST');
    expect((await access({ announcement: friendsOnly() }).subject.findAsHost(USERS.guest, 'x'))._unsafeUnwrapErr().code).to.equal('ANNOUNCEMENT.NOT_FOUND');
  });

  describe('judging on facts already read', () => {
    const none = { blocked: false, myBooking: null, invitation: null };
    const { subject } = access({ announcement: null });

    it('says yes to the host and to anyone on a public screening', () => {
      expect(subject.judge(friendsOnly().snapshot(), USERS.host, none)).to.equal(true);
      expect(subject.judge(anAnnouncement().snapshot(), USERS.guest, none)).to.equal(true);
    });

    it('asks for the host’s friends only when they alone can decide, then decides by them', () => {
      const state = friendsOnly().snapshot();
      expect(subject.judge(state, USERS.guest, none)).to.equal('ask-friends');
      expect(subject.judge(state, USERS.guest, none, [USERS.guest])).to.equal(true);
      expect(subject.judge(state, USERS.guest, none, [USERS.other])).to.equal(false);
      expect(subject.judge(state, USERS.guest, { ...none, invitation: { kind: 'direct' } })).to.equal(true);
    });

    it('never asks about friends for someone blocked: no friendship would let them in', () => {
      expect(subject.judge(friendsOnly().snapshot(), USERS.guest, { ...none, blocked: true })).to.equal(false);
      expect(subject.judge(anAnnouncement().snapshot(), USERS.guest, { ...none, blocked: true })).to.equal(false);
    });
  });
});
