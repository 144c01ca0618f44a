import { expect } from 'chai';
import { pino } from 'pino';
import { PeriodicJobs } from '../../src/adapters/worker/periodic-jobs.js';
import { workerJobs } from '../../src/adapters/worker/worker-jobs.js';

const later = (ms: number) => new Promise<'still waiting'>((resolve) => setTimeout(resolve, ms, 'still waiting'));

describe('Worker jobs: stopping', () => {
  it('stops as soon as the runs in flight end, even when a stop arrives mid-run of a job with a long interval', async () => {
    const jobs = new PeriodicJobs(pino({ level: 'silent' }));
    let finishRun: () => void = () => undefined;
    let runs = 0;
    jobs.start([{
      name: 'hourly', intervalMs: 3_600_000,
      run: () => { runs += 1; return new Promise<boolean>((resolve) => { finishRun = () => resolve(false); }); },
    }]);
    const stopped = jobs.stop().then(() => 'stopped' as const);
    finishRun();
    // Before the fix the job went to sleep for its hour after this run, and stop() waited for it.
    expect(await Promise.race([stopped, later(2_000)])).to.equal('stopped');
    expect(runs).to.equal(1);
  });
});

describe('Worker jobs: refusals', () => {
  it('logs each screening the watcher, the waitlist expiry or the reminders could not finish, with its refusal, and counts it as taken on', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const logger = pino({ level: 'error' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
    const refused = { done: 99, failed: [{ announcementId: 'a-1', error: { code: 'ANNOUNCEMENT.NOT_FOUND' as const } }] };
    const jobs = workerJobs({
      deliver: {} as never, metrics: {} as never, logger, batchSize: 50,
      reminders: { execute: async () => refused } as never,
      watcher: { execute: async () => refused } as never,
      waitlists: { execute: async () => refused } as never,
      intervals: { dispatchMs: 1000, reminderMs: 1000, watcherMs: 1000 },
    });
    const more = await Promise.all(jobs.filter((j) => j.name !== 'dispatcher').map((j) => j.run()));
    expect(more, 'a full batch: there may be more').to.deep.equal([true, true, true]);
    expect(lines.map((l) => [l.job, l.announcementId, (l.error as { code: string }).code])).to.deep.equal([
      ['reminders', 'a-1', 'ANNOUNCEMENT.NOT_FOUND'], ['watcher', 'a-1', 'ANNOUNCEMENT.NOT_FOUND'],
      ['waitlists', 'a-1', 'ANNOUNCEMENT.NOT_FOUND'],
    ]);
  });
});
