import { expect } from 'chai';
import { examples } from '../../src/adapters/http/examples.js';
import { ChangeRatingBody, CreateRatingBody } from '../../src/adapters/http/schemas.js';
import { DEMO_DIRECTORY_FILE } from '../../src/config.js';
import { compose, type Service } from '../../src/main.js';
import { testConfig } from '../support/fixtures.js';

/** The docs page's "Try it out" sends each operation's example: on the demo directory, they must succeed. */
describe('The OpenAPI document’s request examples', () => {
  let service: Service;
  let base: string;
  const ALICE = '0f8e4c1a-6b2d-4c5e-9a71-3d2b8e6f1a01';
  const BOB = '0f8e4c1a-6b2d-4c5e-9a71-3d2b8e6f1a02';
  before(async () => {
    service = await compose(testConfig({ directoryFile: DEMO_DIRECTORY_FILE }));
    const server = service.app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    after(() => server.close());
  });
  after(() => service.close());

  const send = async (method: string, path: string, as: string, body: unknown, headers: Record<string, string> = {}) => {
    const reply = await fetch(`${base}/api/v1${path}`, {
      method, body: JSON.stringify(body),
      headers: { Authorization: `Bearer ${await service.tokens!.issue(as, 600)}`, 'Content-Type': 'application/json', ...headers },
    });
    return { status: reply.status, body: await reply.json() as any };
  };

  it('announce, change, book and decide as the demo users, starting in the coming days', async () => {
    const doc = await (await fetch(`${base}/openapi.json`)).json() as any;
    const example = (path: string, method: string) => doc.paths[path][method].requestBody.content['application/json'].example;

    const announcement = example('/announcements', 'post');
    const startsIn = Date.parse(announcement.startsAt) - Date.now();
    expect(startsIn).to.be.within(24 * 3600_000, 7 * 24 * 3600_000);
    const created = await send('POST', '/announcements', ALICE, announcement);
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    expect(created.body.movie.title).to.equal('The Matrix');

    const changed = await send('PATCH', `/announcements/${created.body.id}`, ALICE, example('/announcements/{id}', 'patch'), { 'If-Match': `"${created.body.version}"` });
    expect(changed.status, JSON.stringify(changed.body)).to.equal(200);
    const booked = await send('POST', `/announcements/${created.body.id}/bookings`, BOB, example('/announcements/{id}/bookings', 'post'));
    expect(booked.status, JSON.stringify(booked.body)).to.equal(201);
    const decided = await send('PATCH', `/bookings/${booked.body.id}`, ALICE, example('/bookings/{id}', 'patch'));
    expect([decided.status, decided.body.status]).to.deep.equal([200, 'accepted']);
  });

  it('gives every current operation with a body an example', async () => {
    const doc = await (await fetch(`${base}/openapi.json`)).json() as any;
    const withBody = Object.entries(doc.paths as Record<string, Record<string, any>>)
      .flatMap(([path, ops]) => Object.entries(ops).filter(([, op]) => op.requestBody && !op.deprecated).map(([method, op]) => ({ path, method, op })));
    expect(withBody.filter(({ op }) => op.requestBody.content['application/json'].example === undefined).map(({ method, path }) => `${method} ${path}`))
      .to.deep.equal([]);
  });

  it('keeps the examples the flow above cannot reach (ratings come after a screening) within their schemas', () => {
    expect(CreateRatingBody.safeParse(examples.createRating()).success).to.equal(true);
    expect(ChangeRatingBody.safeParse(examples.changeRating()).success).to.equal(true);
  });
});
