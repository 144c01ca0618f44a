import { expect } from 'chai';
import { pino } from 'pino';
import { PeriodicJobs } from '../../src/adapters/worker/periodic-jobs.js';

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
