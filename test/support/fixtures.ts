import type { Container } from 'inversify';
import type { Clock } from '../../src/application/index.js';
import { TOKENS } from '../../src/container.js';
import type { Config } from '../../src/config.js';

export * from '../../src/testing/fixtures.js';

/** The test's clock in place of the system's, through the container like any other port. */
export const useClock = (clock: Clock) => (container: Container): void => {
  container.rebind(TOKENS.clock).toConstantValue(clock);
};

export const testConfig = (overrides: Partial<Config> = {}): Config => ({
  port: 0,
  host: '127.0.0.1',
  jwtSecret: 'test-secret-test-secret-test-secret-0123',
  usesDevSecret: false,
  inviteSecret: 'invite-secret-invite-secret-invite-0123',
  directoryFile: 'test/fixtures/directory.json',
  dataDir: '',
  logLevel: 'silent',
  publicBaseUrl: 'http://wt.test',
  storage: 'memory',
  poolMax: 10,
  readWaitMs: 100,
  watcherIntervalMs: 0,
  role: 'all',
  delivery: { timeoutMs: 1000, maxAttempts: 5, batchSize: 50, intervalMs: 50 },
  reminderIntervalMs: 1000,
  neighbours: { timeoutMs: 1000 },
  checkAnswers: true,
  corsOrigins: [],
  migrateAtStart: false,
  // Off unless a test asks: suites make hundreds of writes as one user on purpose.
  rateLimits: { writes: { points: 0, windowSeconds: 60 }, anonymous: { points: 0, windowSeconds: 60 } },
  ...overrides,
});
