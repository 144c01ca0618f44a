import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { connect, type ChannelModel } from 'amqplib';

const run = promisify(execFile);
const ctl = (...args: string[]) => run('rabbitmqctl', ['--quiet', ...args]);

export const RABBIT = process.env.TEST_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';

/** A vhost of this test run's own on the machine's RabbitMQ, so runs never see each other's messages. */
export class TestVhost {
  private constructor(readonly name: string) {}

  static async create(): Promise<TestVhost> {
    const name = `wt-test-${randomBytes(4).toString('hex')}`;
    await ctl('add_vhost', name);
    await ctl('set_permissions', '-p', name, 'guest', '.*', '.*', '.*');
    return new TestVhost(name);
  }

  get url(): string {
    return `${RABBIT}/${encodeURIComponent(this.name)}`;
  }

  /** The broker drops every client connection of this vhost, as it does in a restart or a failover. */
  dropConnections(): Promise<unknown> {
    return ctl('close_all_connections', '--vhost', this.name, 'dropped by a test');
  }

  async connect(): Promise<ChannelModel> {
    return connect(this.url);
  }

  delete(): Promise<unknown> {
    return ctl('delete_vhost', this.name);
  }
}
