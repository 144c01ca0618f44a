import { expect } from 'chai';
import fc from 'fast-check';
import { TestClock, USERS } from '../support/fixtures.js';
import { httpBackends, TestApi } from '../support/http.js';
import { operationsOf, requestArb, type FuzzRequest } from '../support/request-arbitraries.js';
import { record } from './reliability-record.js';

/**
 * FUZZ_RUNS and FUZZ_SEED (a number, or `random`) widen the search (`npm run chaos`); the test
 * command runs a fixed seed, so a run is repeatable. A failure prints its seed and counterexample.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 600);
const SEED = process.env.FUZZ_SEED === 'random' ? Date.now() % 2 ** 31 : Number(process.env.FUZZ_SEED ?? 20261126);

for (const backend of httpBackends()) {
  describe(`Reliability: fuzzed requests on every route, on ${backend.name}`, function () {
    this.timeout(300_000);
    let api: TestApi;
    // Real time: the generated start times are relative to now.
    before(async () => { api = await TestApi.start(backend, {}, new TestClock(new Date())); });
    after(() => api.stop());

    it(`answers ${RUNS} generated requests without a 5xx, and every refusal is problem+json`, async () => {
      const soon = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
      const open = await api.announce({ startsAt: soon(3) });
      const hidden = await api.announce({ startsAt: soon(5), privacy: 'friends' });
      const booking = (await api.book(open.id, USERS.guest, { seats: 2, message: 'hello' })).body;
      const known = { ids: [open.id, hidden.id, booking.id, '00000000-0000-4000-8000-000000000000'] };
      const doc = (await api.get('/openapi.json')).body;
      const operations = operationsOf(doc);
      // Writes reach the database with what they were given, so they are drawn three times as often as reads.
      const operationArb = fc.oneof(...operations.map((op) => ({ weight: op.method === 'GET' ? 1 : 3, arbitrary: fc.constant(op) })));
      const tokens = await Promise.all([USERS.host, USERS.guest, USERS.friend, USERS.stranger].map((u) => api.token(u)));
      const auth = fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...tokens).map((t) => `Bearer ${t}`) }, fc.constantFrom('', 'Bearer x.y.z', 'Basic Zm9vOmJhcg=='));

      let sent = 0;
      const serverErrors: string[] = [];
      const send = async (req: FuzzRequest, authorization: string): Promise<void> => {
        const response = await fetch(`${api.base}${req.url}`, {
          method: req.method, body: req.body, headers: { ...req.headers, ...(authorization ? { Authorization: authorization } : {}) },
        });
        sent += 1;
        const text = await response.text();
        if (response.status >= 500) serverErrors.push(`${req.method} ${req.url} → ${response.status} ${text.slice(0, 300)}`);
        expect(response.status, `${req.method} ${req.url} ${text.slice(0, 300)}`).to.be.below(500);
        if (response.status >= 400) {
          expect(response.headers.get('content-type'), `${req.method} ${req.url}`).to.match(/^application\/problem\+json/);
          expect(JSON.parse(text)).to.include({ status: response.status });
        }
      };
      await fc.assert(
        fc.asyncProperty(operationArb.chain((op) => requestArb(op, doc, known)), auth, send),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
      record(`fuzzed requests on ${backend.name}`, { seed: SEED, operations: operations.length, requests: sent, '5xx': serverErrors.length });
    });
  });
}
