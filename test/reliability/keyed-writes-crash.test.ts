import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { devTokens, user } from '../support/load.js';
import { ServiceProcess } from '../support/service-process.js';
import { record } from './reliability-record.js';

const ROUNDS = 3;
const WRITERS = 8;
const DAY = 86_400_000;

type Keyed = { readonly key: string; readonly token: string; readonly body: string };

const send = (base: string, write: Keyed): Promise<Response> => fetch(`${base}/api/v1/announcements`, {
  method: 'POST', body: write.body,
  headers: { Authorization: `Bearer ${write.token}`, 'Content-Type': 'application/json', 'Idempotency-Key': write.key },
});

/**
 * Writes with an Idempotency-Key cut off by kill -9: each one left unanswered is sent again,
 * same key and body, to the restarted service. Those that had committed must get their first
 * answer back (the answer commits with the write); the others run now. None may be refused as
 * the duplicate of itself, and no screening may exist twice.
 */
describe('Reliability: keyed writes cut off by kill -9, retried after a restart', function () {
  this.timeout(180_000);
  let dataDir: string;
  before(async () => { dataDir = await mkdtemp(join(tmpdir(), 'wt-keyed-')); });
  after(() => rm(dataDir, { recursive: true, force: true }));

  it(`gives every retried write its first answer or a fresh one, never a conflict, across ${ROUNDS} kills`, async () => {
    const tokens = await Promise.all(Array.from({ length: WRITERS }, (_, w) => devTokens.issue(user(w), 3600)));
    const start = Date.now() + 2 * DAY;
    const unanswered: Keyed[] = [];
    let acknowledged = 0;
    let replayed = 0;
    let ranAgain = 0;
    const refusals: string[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const service = await ServiceProcess.start({ DATA_DIR: dataDir });
      await service.until(() => service.ready(), 30_000);
      for (const write of unanswered.splice(0)) {
        const retried = await send(service.base, write);
        if (retried.status !== 201) refusals.push(`${write.key}: ${retried.status} ${await retried.text()}`);
        else if (retried.headers.get('idempotent-replayed') === 'true') replayed += 1;
        else ranAgain += 1;
      }
      let stopped = false;
      const writers = Array.from({ length: WRITERS }, async (_, w) => {
        for (let i = 0; !stopped; i += 1) {
          const title = `Keyed ${round}/${w}/${i}`;
          const body = JSON.stringify({ movieId: 'tt0133093', title, capacity: 4, place: { city: 'Berlin', address: 'Load 1' },
            startsAt: new Date(start + ((round * WRITERS + w) * 10_000 + i) * 3 * 3600_000).toISOString() });
          const write = { key: `k-${round}-${w}-${i}`, token: tokens[w]!, body };
          const answer = await send(service.base, write).catch(() => null);
          if (answer?.status === 201) acknowledged += 1;
          else if (answer === null) unanswered.push(write);
          else refusals.push(`${write.key}: ${answer.status} ${await answer.text()}`);
        }
      });
      await service.until(async () => acknowledged >= (round + 1) * 40, 30_000);
      service.child.kill('SIGKILL');
      stopped = true;
      await service.exited;
      await Promise.all(writers);
    }
    const check = await ServiceProcess.start({ DATA_DIR: dataDir });
    const counts = new Map<string, number>();
    try {
      await check.until(() => check.ready(), 30_000);
      for (const write of unanswered.splice(0)) {
        const retried = await send(check.base, write);
        if (retried.status !== 201) refusals.push(`${write.key}: ${retried.status} ${await retried.text()}`);
        else if (retried.headers.get('idempotent-replayed') === 'true') replayed += 1;
        else ranAgain += 1;
      }
      const reader = await devTokens.issue(user(9999), 600);
      for (let cursor: string | null = '', page = 0; cursor !== null && page < 100; page += 1) {
        const reply = await fetch(`${check.base}/api/v1/announcements?q=keyed&limit=100${cursor ? `&cursor=${cursor}` : ''}`, { headers: { Authorization: `Bearer ${reader}` } });
        const { items, nextCursor } = (await reply.json()) as { items: Array<{ title: string }>; nextCursor: string | null };
        for (const item of items) counts.set(item.title, (counts.get(item.title) ?? 0) + 1);
        cursor = nextCursor;
      }
    } finally {
      await check.stop();
    }
    expect(refusals, refusals.slice(0, 5).join('\n')).to.deep.equal([]);
    const twice = [...counts].filter(([, n]) => n > 1);
    expect(twice, 'a screening made twice').to.deep.equal([]);
    expect(counts.size, 'every acknowledged and every retried write, once').to.equal(acknowledged + replayed + ranAgain);
    expect(replayed + ranAgain, 'the kills cut writes off').to.be.greaterThan(0);
    record(`keyed writes cut off by kill -9 ${ROUNDS}×, retried after a restart`, {
      acknowledged, 'cut off': replayed + ranAgain, 'replayed (had committed)': replayed, 'ran again (had not)': ranAgain, refused: refusals.length, duplicates: twice.length,
    });
  });
});
