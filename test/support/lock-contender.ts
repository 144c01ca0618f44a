/**
 * One contender for a data folder's lock, run as a process of its own by the startup tests:
 * in each of `trials` time slots it tries to take the lock at the slot's start, holds it a
 * while, lets go, and prints one JSON line per slot with when it held the lock, if it did.
 */
import { DataDirLock } from '../../src/adapters/postgres/data-dir-lock.js';

const [dataDir, startAt, slotMs, trials, holdMs] = process.argv.slice(2);
const sleepUntil = (at: number) => new Promise((r) => setTimeout(r, Math.max(0, at - Date.now())));

for (let trial = 0; trial < Number(trials); trial += 1) {
  await sleepUntil(Number(startAt) + trial * Number(slotMs));
  const lock = await DataDirLock.acquire(dataDir!).catch(() => null);
  const from = Date.now();
  if (lock) {
    await new Promise((r) => setTimeout(r, Number(holdMs)));
    const to = Date.now();
    await lock.release();
    console.log(JSON.stringify({ trial, held: true, from, to }));
  } else {
    console.log(JSON.stringify({ trial, held: false }));
  }
}
