import type { Logger } from 'pino';

/** One job of the worker role. `run` answers whether there may be more to do right away. */
export type Job = { readonly name: string; readonly intervalMs: number; run(): Promise<boolean> };

/**
 * Runs each job again and again: at once while it says there is more, else after its interval;
 * a failing run is logged and tried again after the interval. `stop` lets every run in flight
 * finish (so a dispatcher records what it sent) and starts no more.
 */
export class PeriodicJobs {
  private stopping = false;
  private readonly running = new Set<Promise<void>>();
  private readonly sleepers = new Set<() => void>();

  constructor(private readonly logger: Logger) {}

  start(jobs: readonly Job[]): void {
    for (const job of jobs) this.track(this.loop(job));
  }

  async stop(): Promise<void> {
    this.stopping = true;
    for (const wake of this.sleepers) wake();
    await Promise.all(this.running);
  }

  private track(run: Promise<void>): void {
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
  }

  private async loop(job: Job): Promise<void> {
    while (!this.stopping) {
      let more = false;
      try {
        more = await job.run();
      } catch (error) {
        this.logger.error({ err: error, job: job.name }, 'worker job failed');
      }
      // A stop that came while the job ran has woken no one: going to sleep now would hold it up for a whole interval.
      if (!more && !this.stopping) await this.sleep(job.intervalMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }
}
