import { expect } from 'chai';
import { Announcement, isTimeZone, localTime } from '../../src/domain/index.js';
import { anAnnouncement, errorCode } from '../support/domain-builders.js';
import { aDraft, FILM, T0, USERS } from '../support/fixtures.js';

/** RULES §10 T1: a place's zone is an IANA name; times are written as people there read them. */
describe('Local time (T1)', () => {
  it('takes IANA zone names of one to three parts, and UTC', () => {
    for (const zone of ['UTC', 'EST', 'Europe/Berlin', 'Etc/GMT+1', 'America/Argentina/Buenos_Aires'])
      expect(isTimeZone(zone), zone).to.equal(true);
  });

  it('refuses offsets, unknown names and anything padded', () => {
    for (const zone of ['', '+01:00', 'GMT+1', 'Mars/Olympus', 'Z', ' Europe/Berlin', 'Europe/Berlin ', 'Europe/Berlin/Mitte/Nord'])
      expect(isTimeZone(zone), JSON.stringify(zone)).to.equal(false);
  });

  it('writes an instant as the place reads it: day, local time and the zone’s short name', () => {
    expect(localTime(new Date('2026-12-05T19:00:00Z'), 'Europe/Berlin')).to.equal('Sat, 5 Dec 2026, 20:00 CET');
    expect(localTime(new Date('2026-07-05T19:00:00Z'), 'Europe/Berlin')).to.equal('Sun, 5 Jul 2026, 21:00 CEST');
    expect(localTime(new Date('2026-12-05T19:00:00Z'), 'UTC')).to.equal('Sat, 5 Dec 2026, 19:00 UTC');
  });

  it('keeps a place’s zone, UTC when none is given, and names a zone it refuses', () => {
    expect(anAnnouncement({ place: { city: 'Lisbon', address: 'Rua 1', timeZone: 'Europe/Lisbon' } }).snapshot().place.timeZone).to.equal('Europe/Lisbon');
    expect(anAnnouncement({ place: { city: 'Lisbon', address: 'Rua 1' } }).snapshot().place.timeZone).to.equal('UTC');
    const refused = Announcement.create({ id: 'x', hostId: USERS.host, film: FILM, draft: aDraft({ place: { city: 'Lisbon', address: 'Rua 1', timeZone: 'Lisbon' } }),
      link: { code: 'a', url: 'http://wt.test/s/a' }, now: T0 });
    expect(errorCode(refused)).to.equal('ANNOUNCEMENT.INVALID');
    expect(refused._unsafeUnwrapErr()).to.deep.include({ issues: [{ path: 'place.timeZone', message: 'must be an IANA time zone, e.g. Europe/Berlin' }] });
  });
});
