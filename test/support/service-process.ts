import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { freePort } from './free-port.js';

const MAIN = resolve('src/main.ts');
const TSX = resolve('node_modules/tsx/dist/esm/index.mjs');

/** The real service as `npm start` runs it, in a process of its own that a test may kill. */
export class ServiceProcess {
  private output = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(readonly child: ChildProcess, readonly base: string) {
    child.stdout!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.exited = new Promise((done) => child.on('exit', (code, signal) => done({ code, signal })));
  }

  /**
   * Starts it; resolves once the port answers (ready or not: the database may still be away).
   * `entry`: the built `dist/main.js` to run what `npm start` runs; the TypeScript source by default.
   */
  static async start(env: Record<string, string>, entry?: string): Promise<ServiceProcess> {
    const port = await freePort();
    const child = spawn(process.execPath, entry ? [entry] : ['--import', TSX, MAIN], {
      env: { ...process.env, LOG_LEVEL: 'warn', WATCHER_INTERVAL_MS: '0', PORT: String(port), HOST: '127.0.0.1', CHECK_ANSWERS: 'true', RATE_LIMIT_WRITES: '0', RATE_LIMIT_ANONYMOUS: '0', ...env },
    });
    const service = new ServiceProcess(child, `http://127.0.0.1:${port}`);
    for (let waited = 0; ; waited += 50) {
      if (child.exitCode !== null) throw new Error(`the service exited at start:\n${service.output}`);
      if (await fetch(`${service.base}/healthz`).then(() => true, () => false)) return service;
      if (waited > 30_000) throw new Error(`the service did not answer within 30 s:\n${service.output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  get log(): string {
    return this.output;
  }

  /** Polls until `check` holds; resolves with the milliseconds it took. */
  async until(check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
    const started = Date.now();
    while (!(await check().catch(() => false))) {
      if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms; log:\n${this.output.slice(-4000)}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    return Date.now() - started;
  }

  async ready(): Promise<boolean> {
    return (await fetch(`${this.base}/readyz`)).status === 200;
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (this.alive) this.child.kill(signal);
    await this.exited;
  }
}
