import { execFile } from 'node:child_process';
import { access } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import { WEB_DIR } from '../../src/adapters/http/web-client.js';
import { DEMO_DIRECTORY_FILE, DEV_JWT_SECRET } from '../../src/config.js';
import { compose, type Service } from '../../src/main.js';
import { TestClock } from '../../src/testing/index.js';
import { testConfig, useClock } from '../support/fixtures.js';

/** Debian's Chromium (`apt-get install -y chromium`), or CHROMIUM_PATH. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const exists = (path: string) => access(path).then(() => true, () => false);

/** A free port, so the service's public base URL (its short links) is the address the browser opens. */
const freePort = async (): Promise<number> => {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
};

/** A `datetime-local` value `days` from now at 20:00 in the browser's (and this process's) zone. */
export const inDays = (days: number) => {
  const d = new Date(Date.now() + days * 86_400_000);
  d.setHours(20, 0, 0, 0);
  const local = new Date(d.getTime() - d.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
};

export type Stand = { service: Service; browser: Browser; base: string; clock: TestClock; close: () => Promise<void> };

/**
 * The service on the embedded demo's people and films (memory storage) on a free port, and
 * Chromium. Without Chromium the suite is skipped with the reason, never counted as passing —
 * except under CI, which installs it (.ci/run), where its absence fails the run.
 */
export const openStand = async (suite: Mocha.Context): Promise<Stand> => {
  if (!(await exists(CHROMIUM))) {
    if (process.env.CI) throw new Error(`Chromium is missing at ${CHROMIUM}: apt-get install -y chromium`);
    console.log(`    (no Chromium at ${CHROMIUM}: apt-get install -y chromium, or set CHROMIUM_PATH)`);
    suite.skip();
  }
  if (!(await exists(`${WEB_DIR}index.html`))) await promisify(execFile)('node', ['scripts/build-web.mjs']);
  const clock = new TestClock(new Date());
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const service = await compose(testConfig({ directoryFile: DEMO_DIRECTORY_FILE, usesDevSecret: true, jwtSecret: DEV_JWT_SECRET, publicBaseUrl: base }), { rebind: useClock(clock) });
  const handle = service.app.callback();
  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update'] });
  return {
    service, browser, base, clock,
    close: async () => {
      await browser.close();
      server.close();
      await service.close();
    },
  };
};
