import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type CryptoKey } from 'jose';
import { filmsMatching, type DirectoryData } from '../../src/adapters/memory/memory-directory.js';
import type { Config } from '../../src/config.js';

export type Neighbour = 'users' | 'films' | 'shortener' | 'jwks';

/** What a neighbour does instead of answering well. */
export type Fault =
  | { readonly kind: 'hang' }
  | { readonly kind: 'status'; readonly status: number }
  /** The connection is dropped without an answer. */
  | { readonly kind: 'reset' }
  | { readonly kind: 'malformed' }
  | { readonly kind: 'wrong-shape' }
  /** The right answer, after `ms`. */
  | { readonly kind: 'slow'; readonly ms: number }
  /** A well-formed answer with this body: a hostile service's. */
  | { readonly kind: 'answer'; readonly body: unknown };

export type Call = { readonly method: string; readonly path: string; readonly requestId: string | undefined };

type SigningKey = { readonly kid: string; readonly alg: 'RS256' | 'ES256'; readonly privateKey: CryptoKey; readonly jwk: JWK };

/**
 * The platform's users, films, short-link and identity services in one in-process server, as
 * RULES §7 describes them: `GET /users?ids=`, `GET /users/{id}/friends`, `GET /movies/{id}`, `GET /movies?q=`,
 * `POST /links` (and `GET /l/{n}`, the short link's redirect), `GET /.well-known/jwks.json`. It counts every call per neighbour, records the
 * request ids it is sent, and fails on demand (`fault`).
 */
export class StandInNeighbours {
  readonly calls: Record<Neighbour, Call[]> = { users: [], films: [], shortener: [], jwks: [] };
  private readonly faults = new Map<Neighbour, Fault>();
  private readonly keys: SigningKey[] = [];
  private readonly links: string[] = [];
  private readonly names = new Map<string, string>();
  private readonly friends = new Map<string, Set<string>>();
  private readonly movies = new Map<string, DirectoryData['movies'][number]>();
  private readonly hanging = new Set<ServerResponse>();

  private constructor(private readonly server: Server, readonly url: string, private readonly data: DirectoryData) {
    this.load();
  }

  /** The users, friendships and films the stand-in started with. */
  private load(): void {
    this.names.clear();
    this.friends.clear();
    this.movies.clear();
    for (const user of this.data.users) {
      this.names.set(user.id, user.name);
      this.friends.set(user.id, this.friends.get(user.id) ?? new Set());
      for (const friend of user.friends ?? []) {
        this.friends.get(user.id)!.add(friend);
        this.friends.set(friend, (this.friends.get(friend) ?? new Set()).add(user.id));
      }
    }
    for (const movie of this.data.movies) this.movies.set(movie.id, movie);
  }

  static async start(data: DirectoryData): Promise<StandInNeighbours> {
    const handler: { serve?: (request: IncomingMessage, response: ServerResponse) => void } = {};
    const server = createServer((request, response) => handler.serve?.(request, response));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const self = new StandInNeighbours(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, data);
    handler.serve = (request, response) => void self.serve(request, response);
    await self.addKey('RS256');
    await self.addKey('ES256');
    return self;
  }

  /** The configuration that sends every neighbour here. */
  get config(): Required<Pick<Config['neighbours'], 'usersUrl' | 'moviesUrl' | 'shortenerUrl' | 'jwksUrl'>> {
    return { usersUrl: this.url, moviesUrl: this.url, shortenerUrl: this.url, jwksUrl: `${this.url}/.well-known/jwks.json` };
  }

  fault(neighbour: Neighbour, fault: Fault | null): void {
    if (fault) this.faults.set(neighbour, fault);
    else this.faults.delete(neighbour);
  }

  count(neighbour: Neighbour): number {
    return this.calls[neighbour].length;
  }

  /** Forgets calls, faults and changed names or friendships, and lets hanging answers go. */
  reset(): void {
    this.load();
    for (const list of Object.values(this.calls)) list.length = 0;
    this.faults.clear();
    for (const response of this.hanging) response.destroy();
    this.hanging.clear();
  }

  setName(userId: string, name: string): void {
    this.names.set(userId, name);
  }

  unfriend(a: string, b: string): void {
    this.friends.get(a)?.delete(b);
    this.friends.get(b)?.delete(a);
  }

  /** Publishes a new signing key (a rotation); the newest key of an algorithm signs by default. */
  async addKey(alg: 'RS256' | 'ES256'): Promise<string> {
    const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
    const kid = `${alg.toLowerCase()}-${this.keys.length + 1}`;
    this.keys.push({ kid, alg, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } });
    return kid;
  }

  /** Takes a key out of the published set. */
  retireKey(kid: string): void {
    this.keys.splice(this.keys.findIndex((k) => k.kid === kid), 1);
  }

  /** A token as the identity provider issues it. */
  async sign(userId: string, options: { alg?: 'RS256' | 'ES256'; kid?: string; ttlSeconds?: number; claims?: Record<string, unknown> } = {}): Promise<string> {
    const alg = options.alg ?? 'RS256';
    const key = options.kid ? this.keys.find((k) => k.kid === options.kid) : this.keys.findLast((k) => k.alg === alg);
    if (!key) throw new Error(`no key ${options.kid ?? alg}`);
    return new SignJWT({ ...options.claims })
      .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
      .setSubject(userId)
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + (options.ttlSeconds ?? 3600))
      .sign(key.privateKey);
  }

  /** A signing key made here but never published: what a forger or a rotated-out issuer holds. */
  static async unpublishedKey(alg: 'RS256' | 'ES256' = 'RS256'): Promise<CryptoKey> {
    return (await generateKeyPair(alg)).privateKey;
  }

  stop(): Promise<void> {
    this.reset();
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(() => r()));
  }

  private async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.url);
    const answer = this.route(request.method ?? 'GET', url, await text(request));
    if (!answer) return void response.writeHead(404).end();
    const { neighbour } = answer;
    this.calls[neighbour].push({ method: request.method ?? 'GET', path: `${url.pathname}${url.search}`, requestId: request.headers['x-request-id'] as string | undefined });
    const fault = this.faults.get(neighbour);
    if (fault?.kind === 'hang') return void this.hanging.add(response);
    if (fault?.kind === 'reset') return void request.socket.destroy();
    if (fault?.kind === 'status') return void response.writeHead(fault.status, { 'Content-Type': 'application/json' }).end('{"error":"stand-in fault"}');
    if (fault?.kind === 'slow') await new Promise((r) => setTimeout(r, fault.ms));
    if (response.destroyed) return;
    const body = fault?.kind === 'malformed' ? '{"users": [' : JSON.stringify(fault?.kind === 'wrong-shape' ? { unexpected: [1, 2, 3] } : fault?.kind === 'answer' ? fault.body : answer.body);
    response.writeHead(answer.status, { 'Content-Type': 'application/json', ...(answer.location ? { Location: answer.location } : {}) }).end(body);
  }

  private route(method: string, url: URL, body: string): { neighbour: Neighbour; status: number; body: unknown; location?: string } | null {
    const path = url.pathname;
    if (method === 'GET' && path === '/users') {
      const ids = (url.searchParams.get('ids') ?? '').split(',').filter(Boolean);
      return { neighbour: 'users', status: 200, body: ids.flatMap((id) => (this.names.has(id) ? [{ id, name: this.names.get(id) }] : [])) };
    }
    const friends = /^\/users\/([^/]+)\/friends$/.exec(path);
    if (method === 'GET' && friends) {
      const id = decodeURIComponent(friends[1]!);
      return this.names.has(id)
        ? { neighbour: 'users', status: 200, body: { friends: [...(this.friends.get(id) ?? [])] } }
        : { neighbour: 'users', status: 404, body: { error: 'no such user' } };
    }
    if (method === 'GET' && path === '/movies') {
      const limit = Number(url.searchParams.get('limit') ?? 20);
      return { neighbour: 'films', status: 200, body: filmsMatching([...this.movies.values()], url.searchParams.get('q') ?? '', limit) };
    }
    const movie = /^\/movies\/([^/]+)$/.exec(path);
    if (method === 'GET' && movie) {
      const found = this.movies.get(decodeURIComponent(movie[1]!));
      return found ? { neighbour: 'films', status: 200, body: found } : { neighbour: 'films', status: 404, body: { error: 'no such film' } };
    }
    if (method === 'POST' && path === '/links') {
      const { url: long } = JSON.parse(body) as { url: string };
      this.links.push(long);
      return { neighbour: 'shortener', status: 201, body: { shortUrl: `${this.url}/l/${this.links.length.toString(36)}` } };
    }
    const link = /^\/l\/([0-9a-z]+)$/.exec(path);
    const long = link && this.links[parseInt(link[1]!, 36) - 1];
    if (method === 'GET' && long) return { neighbour: 'shortener', status: 302, body: null, location: long };
    if (method === 'GET' && path === '/.well-known/jwks.json') return { neighbour: 'jwks', status: 200, body: { keys: this.keys.map((k) => k.jwk) } };
    return null;
  }
}

const text = async (request: IncomingMessage): Promise<string> => {
  let body = '';
  for await (const chunk of request) body += String(chunk);
  return body;
};
