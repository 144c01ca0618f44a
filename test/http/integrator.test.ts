import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { at, DAY, HOUR, USERS } from '../support/fixtures.js';
import { httpBackends, TestApi, type Reply } from '../support/http.js';

type Captured = { path: string; method: string; status: number; type: string; body: unknown };

/** Compiles `source` against the generated types; the diagnostics as text. */
const typeErrors = (dir: string, files: Record<string, string>): string[] => {
  const names = Object.keys(files).map((f) => join(dir, f));
  const host = ts.createCompilerHost({});
  const read = host.readFile.bind(host);
  host.readFile = (file) => files[file.slice(dir.length + 1)] ?? read(file);
  const exists = host.fileExists.bind(host);
  host.fileExists = (file) => file.slice(dir.length + 1) in files || exists(file);
  const program = ts.createProgram(names, {
    strict: true, noEmit: true, skipLibCheck: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler, types: [],
  }, host);
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n').slice(0, 400));
};

/**
 * What an integrator does with the service: lint its OpenAPI document with Redocly, generate a
 * client's types with openapi-typescript, and use them on the real answers of a whole flow.
 * Every answer captured below is assigned to the generated type of its operation and status:
 * a field the document does not list, one it lists and the answer lacks, or a code it does not
 * name, is a type error.
 */
describe('The API as an integrator meets it', function () {
  this.timeout(120_000);
  let api: TestApi;
  let dir: string;
  let doc: Record<string, unknown>;
  const captured: Captured[] = [];
  before(async () => {
    api = await TestApi.start(httpBackends()[0]!);
    dir = await mkdtemp(join(tmpdir(), 'wt-client-'));
    doc = (await api.get('/openapi.json')).body;
  });
  after(async () => {
    await api.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('has an OpenAPI document that Redocly lints with no error and no warning', async () => {
    const file = join(dir, 'openapi.json');
    await writeFile(file, JSON.stringify(doc));
    const run = await promisify(execFile)(resolve('node_modules/.bin/redocly'), ['lint', file, '--format=stylish'], { env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } })
      .then(({ stdout, stderr }) => ({ code: 0, out: stdout + stderr }), (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, out: error.stdout + error.stderr }));
    expect(run.out, run.out).to.match(/Your API description is valid/);
    expect(run.out).to.not.match(/\d+ warnings?\b/);
    expect(run.code, run.out).to.equal(0);
  });

  it('answers a whole flow exactly as the client generated from that document expects', async () => {
    const keep = (method: string, path: string) => (reply: Reply): Reply => {
      captured.push({ path, method, status: reply.status, type: reply.headers.get('content-type') ?? '', body: reply.body });
      return reply;
    };
    const created = keep('post', '/announcements')(await api.post('/api/v1/announcements', { as: USERS.host, body: {
      movieId: 'film-90', title: 'Integrator night', startsAt: at(DAY + 8 * HOUR).toISOString(), capacity: 3, approval: 'manual',
      place: { city: 'Porto', address: 'Rua 1', lat: 41.15, lon: -8.61 }, tags: ['snacks'],
    } })).body as { id: string; version: number };
    const id = created.id;
    keep('get', '/announcements')(await api.get('/api/v1/announcements?city=porto&hasSeats=true&limit=1', { as: USERS.guest }));
    keep('get', '/announcements/{id}')(await api.get(`/api/v1/announcements/${id}`, { as: USERS.guest }));
    keep('patch', '/announcements/{id}')(await api.patch(`/api/v1/announcements/${id}`, { as: USERS.host, body: { description: 'Bring socks' }, headers: { 'If-Match': `"${created.version}"` } }));
    keep('patch', '/announcements/{id}')(await api.patch(`/api/v1/announcements/${id}`, { as: USERS.host, body: { title: 'Stale' }, headers: { 'If-Match': '"1"' } }));
    const booking = keep('post', '/announcements/{id}/bookings')(await api.book(id, USERS.guest, { seats: 2, message: 'Two of us' })).body as { id: string };
    keep('post', '/announcements/{id}/bookings')(await api.book(id, USERS.guest, { seats: 1 }));
    keep('post', '/announcements/{id}/bookings')(await api.book(id, USERS.host));
    keep('get', '/announcements/{id}/bookings')(await api.get(`/api/v1/announcements/${id}/bookings`, { as: USERS.host }));
    keep('patch', '/bookings/{id}')(await api.patch(`/api/v1/bookings/${booking.id}`, { as: USERS.host, body: { status: 'accepted' } }));
    keep('get', '/bookings/{id}')(await api.get(`/api/v1/bookings/${booking.id}`, { as: USERS.guest }));
    keep('get', '/bookings/{id}')(await api.get(`/api/v1/bookings/${booking.id}`, { as: USERS.stranger }));
    keep('get', '/bookings')(await api.get('/api/v1/bookings?role=guest', { as: USERS.guest }));
    keep('get', '/announcements/{id}')(await api.get(`/api/v1/announcements/${id}`, { as: USERS.guest }));
    keep('get', '/me/notifications')(await api.get('/api/v1/me/notifications?limit=5', { as: USERS.host }));
    keep('get', '/me/schedule')(await api.get('/api/v1/me/schedule', { as: USERS.guest }));
    keep('post', '/me/calendar-feed')(await api.post('/api/v1/me/calendar-feed', { as: USERS.guest }));
    keep('get', '/users/{id}/rating')(await api.get(`/api/v1/users/${USERS.host}/rating`, { as: USERS.guest }));
    keep('post', '/announcements/{id}/ratings')(await api.post(`/api/v1/announcements/${id}/ratings`, { as: USERS.guest, body: { rateeId: USERS.host, score: 5 } }));
    api.clock.set(at(DAY + 8 * HOUR + 91 * 60_000));
    await api.service.watcher.execute();
    keep('get', '/me/ratings/pending')(await api.get('/api/v1/me/ratings/pending', { as: USERS.guest }));
    keep('post', '/announcements/{id}/ratings')(await api.post(`/api/v1/announcements/${id}/ratings`, { as: USERS.guest, body: { rateeId: USERS.host, score: 5, comment: 'Lovely' } }));
    keep('put', '/announcements/{id}/ratings/{rateeId}')(await api.put(`/api/v1/announcements/${id}/ratings/${USERS.host}`, { as: USERS.guest, body: { score: 4, comment: null } }));
    keep('get', '/announcements/{id}')(await api.get(`/api/v1/announcements/${USERS.other}`, { as: USERS.guest }));
    keep('get', '/bookings')(await api.get('/api/v1/bookings?cursor=nope', { as: USERS.guest }));
    keep('post', '/announcements')(await api.post('/api/v1/announcements', { as: USERS.host, body: { movieId: 'no-such-film', title: 'X', startsAt: at(9 * DAY).toISOString(), capacity: 1, place: { city: 'A', address: 'B' } } }));
    keep('get', '/me/schedule')(await api.get('/api/v1/me/schedule', {}));

    const statuses = captured.map((c) => c.status);
    expect(statuses).to.include.members([200, 201, 400, 401, 403, 404, 409, 412, 422]);
    const types = astToString(await openapiTS(doc as never));
    const uses = captured.map((c, i) => {
      const media = c.type.startsWith('application/problem+json') ? 'application/problem+json' : 'application/json';
      return `export const answer${i}: paths[${JSON.stringify(c.path)}][${JSON.stringify(c.method)}]['responses'][${c.status}]['content'][${JSON.stringify(media)}] = ${JSON.stringify(c.body)};`;
    });
    const files = { 'api.ts': types, 'uses.ts': `import type { paths } from './api.js';\n${uses.join('\n')}\n` };
    expect(typeErrors(dir, files)).to.deep.equal([]);
    // The check can fail: an answer with one field the document does not list is refused.
    const leaked = { ...(captured[0]!.body as object), shortCode: 'abc123' };
    const broken = { ...files, 'uses.ts': `import type { paths } from './api.js';\nexport const leaked: paths['/announcements']['post']['responses'][201]['content']['application/json'] = ${JSON.stringify(leaked)};\n` };
    expect(typeErrors(dir, broken).join('\n')).to.match(/shortCode/);
  });
});
