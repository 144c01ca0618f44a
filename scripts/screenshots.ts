/**
 * `npx tsx scripts/screenshots.ts`: the README's screenshots of the web page (docs/screenshots), in English and Russian,
 * taken in Chromium on the embedded demo (memory storage), after a few screenings and a request.
 * Needs `npm run build` (the web client) and Chromium (CHROMIUM_PATH or /usr/bin/chromium).
 */
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import { DEMO_DIRECTORY_FILE, DEV_JWT_SECRET, loadConfig } from '../src/config.js';
import { compose } from '../src/main.js';
import { CATALOGUES } from '../web/src/i18n/locale.js';

const service = await compose({ ...loadConfig({ STORAGE: 'memory', LOG_LEVEL: 'silent', WATCHER_INTERVAL_MS: '0' }), port: 0, directoryFile: DEMO_DIRECTORY_FILE, jwtSecret: DEV_JWT_SECRET, usesDevSecret: true });
const server = service.app.listen(0, '127.0.0.1');
await new Promise<void>((resolve) => server.once('listening', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const people = ['0f8e4c1a-6b2d-4c5e-9a71-3d2b8e6f1a01', '0f8e4c1a-6b2d-4c5e-9a71-3d2b8e6f1a03', '0f8e4c1a-6b2d-4c5e-9a71-3d2b8e6f1a02'];
const NAMES = ['Alice Martin', 'Chloé Dubois', 'Bob Nakamura'];
const token = (i: number) => service.tokens!.issue(people[i]!, 3600);
const call = async (who: number, method: string, path: string, body: unknown) => {
  const reply = await fetch(`${base}/api/v1${path}`, { method, body: JSON.stringify(body), headers: { Authorization: `Bearer ${await token(who)}`, 'Content-Type': 'application/json' } });
  return reply.json() as Promise<{ id: string }>;
};
const day = (n: number, hour: number) => { const d = new Date(Date.now() + n * 86_400_000); d.setUTCHours(hour, 0, 0, 0); return d.toISOString(); };
const films = [['tt0133093', 'The Matrix on the rooftop', 'Lisbon', 'Rua Augusta 12', ['snacks', 'original-audio']], ['tt0245429', 'Spirited Away, blankets and tea', 'Lisbon', 'Rua do Carmo 5', ['kids-welcome', 'tea']],
  ['tt0133093', 'Matrix marathon, part one', 'Porto', 'Rua das Flores 8', ['marathon']]] as const;
const ids: string[] = [];
for (const [i, [movieId, title, city, address, tags]] of films.entries()) {
  ids.push((await call(i === 1 ? 1 : 0, 'POST', '/announcements', { movieId, title, description: 'Shoes off, popcorn on. We start on time.', startsAt: day(2 + i, 19),
    place: { city, address }, capacity: 6, tags: [...tags], approval: 'manual' })).id);
}
await call(2, 'POST', `/announcements/${ids[0]}/bookings`, { seats: 2, message: 'Two of us; we bring drinks.' });

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update'] });
await mkdir('docs/screenshots', { recursive: true });
/** Each screenshot in English and in Russian (`-ru` before the extension), the browser's language choosing. */
for (const [locale, suffix] of [['en-US', ''], ['ru-RU', '-ru']] as const) {
  const M = CATALOGUES[locale === 'ru-RU' ? 'ru' : 'en'];
  const file = (name: string) => `docs/screenshots/${name}${suffix}.png`;
  const shoot = async (who: number, path: string, name: string, width = 1000) => {
    const page = await (await browser.newContext({ locale, viewport: { width, height: 800 } })).newPage();
    await page.goto(`${base}/`);
    await page.getByRole('button', { name: M.signIn.as({ name: NAMES[who]! }) }).click();
    await page.goto(`${base}${path}`);
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: file(name), fullPage: true });
  };
  const signIn = await (await browser.newContext({ locale, viewport: { width: 1000, height: 600 } })).newPage();
  await signIn.goto(`${base}/`);
  await signIn.getByRole('button', { name: M.signIn.as({ name: 'Alice Martin' }) }).waitFor();
  await signIn.screenshot({ path: file('sign-in') });
  await shoot(2, '/', 'find');
  await shoot(0, `/screenings/${ids[0]}`, 'screening-host');
  await shoot(2, `/screenings/${ids[1]}`, 'screening-phone', 390);
  await shoot(0, '/me/notifications', 'notifications');
}
await browser.close();
server.close();
await service.close();
