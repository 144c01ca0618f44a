import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Received = { readonly idempotencyKey: string | undefined; readonly body: Record<string, unknown> };

/**
 * The platform's notification service, in-process: `POST /notifications` records the message and
 * its Idempotency-Key, and answers what `respond` says for that message's n-th arrival
 * (a status, or 'hang' to never answer).
 */
export class StandInNotifyServer {
  readonly received: Received[] = [];
  private readonly arrivals = new Map<string, number>();
  private constructor(private readonly server: Server, readonly url: string) {}

  static async start(respond: (body: Record<string, unknown>, arrival: number) => number | 'hang' | Promise<number> = () => 202): Promise<StandInNotifyServer> {
    const handler: { serve?: (request: IncomingMessage, response: ServerResponse) => Promise<void> } = {};
    const server = createServer((request, response) => void handler.serve?.(request, response));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const self = new StandInNotifyServer(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    handler.serve = async (request, response) => {
      const body = JSON.parse(await text(request)) as Record<string, unknown>;
      const id = String(body.id);
      const arrival = (self.arrivals.get(id) ?? 0) + 1;
      self.arrivals.set(id, arrival);
      const status = await respond(body, arrival);
      if (status === 'hang') return;
      if (request.url === '/notifications' && status < 300) self.received.push({ idempotencyKey: request.headers['idempotency-key'] as string | undefined, body });
      response.writeHead(request.url === '/notifications' ? status : 404).end();
    };
    return self;
  }

  arrivalsOf(id: string): number {
    return this.arrivals.get(id) ?? 0;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(() => r()));
  }
}

const text = async (request: IncomingMessage): Promise<string> => {
  let body = '';
  for await (const chunk of request) body += String(chunk);
  return body;
};
