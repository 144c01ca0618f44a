import { expect } from 'chai';
import sinon from 'sinon';
import { CachedAccessTokens } from '../../src/adapters/auth/cached-access-tokens.js';
import { Hs256AccessTokens } from '../../src/adapters/auth/hs256-access-tokens.js';

const USER = '0f8e4c1a-6b2d-4c5e-9a71-3d2b8e6f1a01';

describe('Verified access tokens, remembered', () => {
  let clock: sinon.SinonFakeTimers;
  const hs256 = new Hs256AccessTokens('a-secret-of-at-least-thirty-two-characters!');
  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: Date.now(), toFake: ['Date'] });
  });
  afterEach(() => sinon.restore());

  it('verifies a token once, then answers from memory until the recheck is due', async () => {
    const token = await hs256.issue(USER, 3600);
    const verify = sinon.spy(hs256, 'verify');
    const cached = new CachedAccessTokens(hs256, { size: 10, recheckMs: 60_000 });
    for (let i = 0; i < 5; i += 1) expect(await cached.verify(token)).to.equal(USER);
    expect(verify.callCount).to.equal(1);
    clock.tick(60_001);
    expect(await cached.verify(token)).to.equal(USER);
    expect(verify.callCount).to.equal(2);
  });

  it('never answers for a token past its exp, whatever the recheck', async () => {
    const token = await hs256.issue(USER, 30);
    const cached = new CachedAccessTokens(hs256, { size: 10, recheckMs: 3_600_000 });
    expect(await cached.verify(token)).to.equal(USER);
    clock.tick(30_001);
    expect(await cached.verify(token)).to.equal(null);
  });

  it('does not remember a refusal, nor more tokens than its size', async () => {
    const verifier = { verify: sinon.stub<[string], Promise<string | null>>() };
    const cached = new CachedAccessTokens(verifier, { size: 2, recheckMs: 60_000 });
    const [a, b, c] = await Promise.all([1, 2, 3].map((n) => hs256.issue(USER, 3600 + n)));
    verifier.verify.resolves(null);
    expect(await cached.verify(a!)).to.equal(null);
    verifier.verify.resolves(USER);
    expect(await cached.verify(a!)).to.equal(USER);
    await cached.verify(b!);
    await cached.verify(c!);
    verifier.verify.resetHistory();
    await cached.verify(c!);
    await cached.verify(b!);
    expect(verifier.verify.callCount, 'the two newest are remembered').to.equal(0);
    await cached.verify(a!);
    expect(verifier.verify.callCount, 'the oldest was forgotten').to.equal(1);
  });
});
