import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { request, type Server } from 'node:http';
import { compose, type Service } from '../../src/main.js';
import type { Config } from '../../src/config.js';
import { backends, type Backend } from '../contract/backends.js';
import { aDraft, FILM, testConfig, TestClock, useClock, USERS } from './fixtures.js';
import { StandInNeighbours } from './stand-in-neighbours.js';

export type Reply<T = any> = { status: number; headers: Headers; body: T; text: string };

export type RequestOptions = {
  as?: string | null;
  body?: unknown;
  /** Sent as is, for malformed JSON and size tests. */
  raw?: string;
  headers?: Record<string, string>;
};

/** A backend for the HTTP suites: storage, and optionally the neighbours to call over HTTP. */
export type HttpBackend = Backend & { readonly neighbours?: () => Promise<StandInNeighbours> };

let standIn: Promise<StandInNeighbours> | undefined;
/** One stand-in for every neighbour, shared by the suites of a run (each service keeps its own caches). */
export const sharedNeighbours = (): Promise<StandInNeighbours> =>
  (standIn ??= StandInNeighbours.start(JSON.parse(readFileSync('test/fixtures/directory.json', 'utf8'))));

export const disposeSharedNeighbours = async (): Promise<void> => {
  await (await standIn)?.stop();
};

/**
 * The storage backends, and memory once more with every neighbour of RULES §7 over HTTP: users,
 * films and short links from the stand-in, and tokens signed by its key set (RS256), with the
 * HS256 secret configured as well.
 */
export const httpBackends = (): HttpBackend[] => {
  const all: HttpBackend[] = backends();
  const memory = all.find((b) => b.name === 'memory');
  return memory ? [...all, { ...memory, name: 'memory, neighbours over HTTP', neighbours: sharedNeighbours }] : all;
};

/** The real wiring on a loopback port, with a clock the test controls. */
export class TestApi {
  private constructor(
    readonly service: Service,
    readonly clock: TestClock,
    private readonly server: Server,
    readonly base: string,
    readonly neighbours: StandInNeighbours | undefined,
  ) {}

  static async start(backend: HttpBackend, config: Partial<Config> = {}, clock = new TestClock()): Promise<TestApi> {
    const neighbours = await backend.neighbours?.();
    const wired = neighbours ? { neighbours: { timeoutMs: 1000, ...neighbours.config }, ...config } : config;
    const service = await compose(testConfig(wired), { rebind: useClock(clock), storage: await backend.open() });
    const server = service.app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    return new TestApi(service, clock, server, `http://127.0.0.1:${port}`, neighbours);
  }

  /** A valid token for the user: from the identity provider when JWKS_URL is set, else HS256 with the secret. */
  token(userId: string, ttlSeconds = 3600): Promise<string> {
    if (this.service.config.neighbours.jwksUrl && this.neighbours) return this.neighbours.sign(userId, { ttlSeconds });
    return this.service.tokens!.issue(userId, ttlSeconds);
  }

  async request<T = any>(method: string, path: string, options: RequestOptions = {}): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.as) headers.Authorization = `Bearer ${await this.token(options.as)}`;
    let body: string | undefined = options.raw;
    if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
    const response = await fetch(`${this.base}${path}`, { method, headers, body, redirect: 'manual' });
    const text = await response.text();
    const isJson = /json/.test(response.headers.get('content-type') ?? '');
    return { status: response.status, headers: response.headers, body: isJson && text ? JSON.parse(text) : text, text };
  }

  get = <T = any>(path: string, options?: RequestOptions) => this.request<T>('GET', path, options);
  post = <T = any>(path: string, options?: RequestOptions) => this.request<T>('POST', path, options);
  patch = <T = any>(path: string, options?: RequestOptions) => this.request<T>('PATCH', path, options);
  put = <T = any>(path: string, options?: RequestOptions) => this.request<T>('PUT', path, options);
  delete = <T = any>(path: string, options?: RequestOptions) => this.request<T>('DELETE', path, options);

  /** A screening by `host` (default USERS.host) created through the API; fails the test if refused. */
  async announce(overrides: Record<string, unknown> = {}, host: string = USERS.host): Promise<any> {
    const draft = aDraft();
    const body = { movieId: FILM.id, ...draft, startsAt: draft.startsAt.toISOString(), ...overrides };
    const reply = await this.post('/api/v1/announcements', { as: host, body });
    if (reply.status !== 201) throw new Error(`announce failed: ${reply.status} ${reply.text}`);
    return reply.body;
  }

  async book(announcementId: string, guest: string, body: Record<string, unknown> = {}): Promise<Reply> {
    return this.post(`/api/v1/announcements/${announcementId}/bookings`, { as: guest, body });
  }

  async inbox(userId: string): Promise<any[]> {
    const reply = await this.get('/api/v1/me/notifications?limit=100', { as: userId });
    return reply.body.items;
  }

  /**
   * A GET with headers fetch will not send (Sec-Fetch-*, as a browser's navigation carries them):
   * status, the Location header and the Vary header.
   */
  navigate(path: string, headers: Record<string, string>): Promise<{ status: number; location: string | undefined; vary: string | undefined }> {
    return new Promise((resolve, reject) => {
      request(`${this.base}${path}`, { headers }, (res) => {
        res.resume();
        resolve({ status: res.statusCode!, location: res.headers.location, vary: res.headers.vary });
      }).on('error', reject).end();
    });
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve, reject) => this.server.close((e) => (e ? reject(e) : resolve())));
    await this.service.close();
  }
}
