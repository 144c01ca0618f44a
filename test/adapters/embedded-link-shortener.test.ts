import { expect } from 'chai';
import { EmbeddedLinkShortener, SHORT_CODE_LENGTH } from '../../src/adapters/links/embedded-link-shortener.js';

describe('EmbeddedLinkShortener', () => {
  it('gives distinct codes of the alphabet, each character about as often as any other, under the public base', async () => {
    const links = new EmbeddedLinkShortener('https://wt.example');
    const made = await Promise.all(Array.from({ length: 10_000 }, () => links.next())); // 120 000 characters: the 4 kB pool refills
    const codes = made.map((l) => l.code);
    for (const { code, url } of made) {
      expect(code).to.match(new RegExp(`^[0-9A-Za-z]{${SHORT_CODE_LENGTH}}$`));
      expect(url).to.equal(`https://wt.example/s/${code}`);
    }
    expect(new Set(codes).size).to.equal(codes.length);
    const counts = new Map<string, number>();
    for (const c of codes.join('')) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size, 'characters seen').to.equal(62);
    // 1 935 expected each (σ ≈ 44; the bounds are 6σ off); a character a modulo bias favours (byte % 62 without the redraw) comes ~2 340 times.
    for (const [c, n] of counts) expect(n, c).to.be.within(1_670, 2_200);
  });
});
