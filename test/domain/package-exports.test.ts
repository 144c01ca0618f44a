import { readFile } from 'node:fs/promises';
import { expect } from 'chai';

/** Other services import the core by package name; these are the built files they get. */
describe('The core as a library (package exports)', () => {
  it('exposes the domain and the use cases under the package name', async () => {
    const domain = await import('watch-together/domain');
    const application = await import('watch-together/application');
    expect(typeof domain.Announcement.create).to.equal('function');
    expect(domain.ratingSide(5, 1).score).to.equal(3.33);
    expect(application.CreateBooking).to.be.a('function');
  });

  it('ships a domain that imports nothing but neverthrow and itself', async () => {
    const built = await readFile(new URL('../../dist/domain/booking/booking.entity.js', import.meta.url), 'utf8');
    const imports = [...built.matchAll(/from '([^']+)'/g)].map((m) => m[1]!);
    expect(imports.filter((i) => !i.startsWith('.'))).to.deep.equal(['neverthrow']);
  });
});
