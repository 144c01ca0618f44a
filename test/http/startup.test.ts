import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { loadConfig } from '../../src/config.js';

type Run = { code: number | null; stdout: string; stderr: string };

/** Runs `src/main.ts` as `npm start` would, optionally sending a signal once it listens. */
const runMain = (env: Record<string, string>, signalWhenListening?: NodeJS.Signals): Promise<Run> =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { ...process.env, LOG_LEVEL: 'silent', WATCHER_INTERVAL_MS: '0', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (signalWhenListening && stdout.includes('listening on')) child.kill(signalWhenListening);
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });

describe('Start-up and shutdown', function () {
  this.timeout(30_000);

  it('stops with one line naming a bad configuration value', async () => {
    const run = await runMain({ PORT: 'eighty' });
    expect(run.code).to.equal(1);
    expect(run.stderr.trim().split('\n')).to.deep.equal(['Invalid configuration: PORT must be a port number (got "eighty")']);
  });

  it('names each bad variable', () => {
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).to.throw(/^Invalid configuration: LOG_LEVEL/);
    expect(() => loadConfig({ PUBLIC_BASE_URL: 'not a url' })).to.throw(/^Invalid configuration: PUBLIC_BASE_URL/);
    expect(() => loadConfig({ JWT_SECRET: 'short' })).to.throw(/^Invalid configuration: JWT_SECRET must be at least 32 characters/);
    expect(() => loadConfig({ NODE_ENV: 'production' })).to.throw(/JWT_SECRET is required/);
  });

  it('defaults to port 8080, the demo directory and a base URL on that port', () => {
    expect(loadConfig({})).to.include({
      port: 8080, directoryFile: 'demo/directory.json', publicBaseUrl: 'http://localhost:8080', usesDevSecret: true,
      storage: 'embedded', dataDir: './data',
    });
    expect(loadConfig({ DATABASE_URL: 'postgres://db/wt' })).to.include({ storage: 'postgres', databaseUrl: 'postgres://db/wt' });
    expect(() => loadConfig({ STORAGE: 'postgres' })).to.throw(/DATABASE_URL is required/);
  });

  it('starts on embedded PostgreSQL, prints dev tokens and a curl example, and exits cleanly on SIGTERM', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'wt-start-'));
    try {
      const run = await runMain({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir }, 'SIGTERM');
      expect(run.code, run.stderr).to.equal(0);
      expect(run.stdout).to.contain('(storage: embedded)');
      expect(run.stdout).to.match(/Alice Martin +eyJ/);
      expect(run.stdout).to.contain('curl -s -X POST');
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
