import { connect, type ChannelModel, type ConfirmChannel } from 'amqplib';
import type { Logger } from 'pino';
import type { NotificationMessage } from '../../domain/index.js';
import type { DeliveryOutcome, NotificationSender } from '../../application/index.js';

export const NOTIFICATIONS_EXCHANGE = 'notifications';

type Connected = { readonly connection: ChannelModel; readonly channel: ConfirmChannel };

/**
 * SPEC §7 over AMQP: a durable topic exchange `notifications`, routing key = the type,
 * persistent messages whose `messageId` is the notification's id. A message counts as
 * delivered only once the broker confirms it (publisher confirms). A dropped connection fails
 * the batch in flight (the dispatcher retries it) and the next batch connects again.
 */
export class AmqpNotificationSender implements NotificationSender {
  readonly name = 'amqp';
  private connected: Promise<Connected> | null = null;

  constructor(private readonly url: string, private readonly logger: Logger, private readonly confirmTimeoutMs: number) {}

  async deliver(batch: readonly NotificationMessage[]): Promise<DeliveryOutcome[]> {
    const { channel } = await this.connection();
    return Promise.all(batch.map((message) => this.publish(channel, message)));
  }

  /**
   * For /readyz: null when the broker takes our connection (connecting if there is none), else
   * why not — a refused login or a missing virtual host is a worker that can deliver nothing.
   */
  async probe(timeoutMs = 2_000): Promise<string | null> {
    const timer = new Promise<string>((resolve) => setTimeout(resolve, timeoutMs, `no answer within ${timeoutMs} ms`).unref());
    return Promise.race([this.connection().then(() => null, (error: Error) => error.message.split('\n')[0] ?? 'refused'), timer]);
  }

  async close(): Promise<void> {
    const connected = await this.connected?.catch(() => null);
    this.connected = null;
    await connected?.connection.close().catch(() => undefined);
  }

  private connection(): Promise<Connected> {
    this.connected ??= this.open().catch((error: unknown) => {
      this.connected = null;
      throw error;
    });
    return this.connected;
  }

  private async open(): Promise<Connected> {
    const connection = await connect(this.url);
    const forget = (reason: string) => (error?: Error) => {
      this.connected = null;
      if (error) this.logger.warn({ err: error }, `AMQP ${reason}`);
    };
    connection.on('error', forget('connection error'));
    connection.on('close', forget('connection closed'));
    const channel = await connection.createConfirmChannel();
    channel.on('error', forget('channel error'));
    channel.on('close', forget('channel closed'));
    await channel.assertExchange(NOTIFICATIONS_EXCHANGE, 'topic', { durable: true });
    return { connection, channel };
  }

  private publish(channel: ConfirmChannel, message: NotificationMessage): Promise<DeliveryOutcome> {
    return new Promise((resolve) => {
      const failed = (error: string): void => resolve({ id: message.id, delivered: false, error, permanent: false });
      const timer = setTimeout(() => failed(`no confirm within ${this.confirmTimeoutMs} ms`), this.confirmTimeoutMs);
      try {
        channel.publish(NOTIFICATIONS_EXCHANGE, message.type, Buffer.from(JSON.stringify(message)), {
          persistent: true, messageId: message.id, contentType: 'application/json', timestamp: Math.floor(message.createdAt.getTime() / 1000),
        }, (error) => {
          clearTimeout(timer);
          if (error) failed(`broker refused: ${String(error)}`);
          else resolve({ id: message.id, delivered: true });
        });
      } catch (error) {
        clearTimeout(timer);
        failed((error as Error).message);
      }
    });
  }
}
