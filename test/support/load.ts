import { Hs256AccessTokens } from '../../src/adapters/auth/hs256-access-tokens.js';
import { DEV_JWT_SECRET } from '../../src/config.js';

/** What a load run saw: every status, and every answer that broke the rules of the border. */
export class Tally {
  readonly statuses = new Map<number, number>();
  readonly violations: string[] = [];
  requests = 0;

  /** 5xx other than a 503 problem with Retry-After is a violation; so is a 4xx/5xx that is not problem+json. */
  async record(response: Response): Promise<void> {
    this.requests += 1;
    this.statuses.set(response.status, (this.statuses.get(response.status) ?? 0) + 1);
    const type = response.headers.get('content-type') ?? '';
    const text = await response.text();
    if (response.status >= 500 && !(response.status === 503 && response.headers.get('retry-after')))
      this.violations.push(`${response.status} ${text.slice(0, 200)}`);
    else if (response.status >= 400 && !type.startsWith('application/problem+json'))
      this.violations.push(`${response.status} without problem+json: ${text.slice(0, 200)}`);
  }

  count(predicate: (status: number) => boolean): number {
    return [...this.statuses].filter(([status]) => predicate(status)).reduce((sum, [, n]) => sum + n, 0);
  }

  summary(): string {
    return [...this.statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ');
  }
}

/** Dev tokens, as `npm start` prints them: for tests that drive a service process. */
export const devTokens = new Hs256AccessTokens(DEV_JWT_SECRET);

/** A user id per number; valid, nameless. */
/**
 * A request to `base`'s API as `userId` (a dev token), sending `after` as `WT-Read-After`:
 * the status, the `WT-Read-After` the answer carries, and its JSON body.
 */
export const callAs = async <B = Record<string, unknown>>(
  base: string, method: string, path: string, userId: string, options: { body?: unknown; after?: string | null } = {},
): Promise<{ status: number; after: string | null; body: B }> => {
  const reply = await fetch(`${base}/api/v1${path}`, {
    method, ...(options.body ? { body: JSON.stringify(options.body) } : {}),
    headers: {
      Authorization: `Bearer ${await devTokens.issue(userId, 3600)}`, 'Content-Type': 'application/json',
      ...(options.after ? { 'WT-Read-After': options.after } : {}),
    },
  });
  return { status: reply.status, after: reply.headers.get('wt-read-after'), body: (await reply.json()) as B };
};

export const user = (n: number): string => `40000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/**
 * `writers` clients each announcing screenings and booking a seat at another's, as fast as
 * answers come, until `stop` is aborted. Acknowledged (201) screenings are reported to `onCreated`.
 */
export const writeUntil = async (
  base: string, writers: number, stop: AbortSignal, tally: Tally, onCreated: (id: string) => void = () => undefined,
): Promise<void> => {
  const dayMs = 86_400_000;
  const start = Date.now() + 2 * dayMs;
  await Promise.all(Array.from({ length: writers }, async (_, w) => {
    const host = await devTokens.issue(user(w), 3600);
    const guest = await devTokens.issue(user(1000 + w), 3600);
    for (let i = 0; !stop.aborted; i += 1) {
      const body = JSON.stringify({
        movieId: 'tt0133093', title: `Load ${w}/${i}`, capacity: 4, approval: 'auto',
        startsAt: new Date(start + (w * 10_000 + i) * 3 * 3600_000).toISOString(), place: { city: 'Berlin', address: 'Load 1' },
      });
      try {
        const created = await fetch(`${base}/api/v1/announcements`, { method: 'POST', body, headers: { Authorization: `Bearer ${host}`, 'Content-Type': 'application/json' } });
        const id = created.status === 201 ? ((await created.clone().json()) as { id: string }).id : null;
        await tally.record(created);
        if (!id) continue;
        onCreated(id);
        await tally.record(await fetch(`${base}/api/v1/announcements/${id}/bookings`, {
          method: 'POST', body: '{}', headers: { Authorization: `Bearer ${guest}`, 'Content-Type': 'application/json' },
        }));
      } catch (error) {
        // A connection the test itself cut (kill -9) is not the service's answer.
        if (!stop.aborted) throw error;
      }
    }
  }));
};
