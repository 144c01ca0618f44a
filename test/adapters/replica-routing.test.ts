import { expect } from 'chai';
import type { Pool } from 'pg';
import { walOffset } from '../../src/adapters/postgres/pg-client.js';
import { ReplicaRouting } from '../../src/adapters/postgres/pg-replica.js';
import { requestContext } from '../../src/adapters/request-context.js';
import { StorageUnavailableError } from '../../src/application/index.js';

/** A replica whose replay position the test moves; it counts the questions it was asked. */
class FakeReplica {
  asked = 0;
  constructor(public replay: string | null | Error) {}
  get pool(): Pool {
    return {
      query: async () => {
        this.asked += 1;
        if (this.replay instanceof Error) throw this.replay;
        return { rows: [{ replay: this.replay }] };
      },
    } as unknown as Pool;
  }
}

const primary = { query: async () => ({ rows: [{ lsn: '2/A0' }] }) } as unknown as Pool;
const routing = (replica: FakeReplica, waitMs = 60) => new ReplicaRouting(primary, replica.pool, { waitMs });
/** Runs `work` as a request that asked to read after `position`. */
const asRequest = <T>(position: string | undefined, work: () => Promise<T>) =>
  requestContext.run('test', async () => {
    if (position) requestContext.readAfter(position);
    return work();
  });
const where = (r: ReplicaRouting, position?: string) =>
  asRequest(position, () => r.read(async () => 'primary', async () => 'replica'));

describe('Reads on a replica (READ_DATABASE_URL)', () => {
  it('compares WAL positions as numbers, the high word first', () => {
    expect(walOffset('0/0')).to.equal(0n);
    expect(walOffset('1/0') > walOffset('0/FFFFFFFF')).to.equal(true);
    expect(walOffset('16/B374D848')).to.equal((0x16n << 32n) + 0xb374d848n);
    expect(walOffset('0/a') === walOffset('0/A')).to.equal(true);
  });

  it('go to the replica when the request asks for no position, without asking it anything', async () => {
    const replica = new FakeReplica('0/0');
    expect(await where(routing(replica))).to.equal('replica');
    expect(replica.asked).to.equal(0);
  });

  it('go to the replica once it has replayed the position, remembering how far it got', async () => {
    const replica = new FakeReplica('1/10');
    const r = routing(replica);
    expect(await where(r, '1/10')).to.equal('replica');
    expect(await where(r, '0/FFFF')).to.equal('replica');
    expect(replica.asked).to.equal(1);
  });

  it('wait for a replica that is behind, and read there when it catches up in time', async () => {
    const replica = new FakeReplica('1/0');
    setTimeout(() => (replica.replay = '1/20'), 15);
    expect(await where(routing(replica, 500), '1/20')).to.equal('replica');
    expect(replica.asked).to.be.greaterThan(1);
  });

  it('read on the primary when the replica stays behind for the whole wait', async () => {
    const replica = new FakeReplica('1/0');
    const started = Date.now();
    expect(await where(routing(replica, 40), '1/1')).to.equal('primary');
    expect(Date.now() - started).to.be.within(35, 1_000);
  });

  it('take a READ_DATABASE_URL that is no standby (no replay position) as always current', async () => {
    expect(await where(routing(new FakeReplica(null)), 'FFFFFFFF/FFFFFFFF')).to.equal('replica');
  });

  it('read on the primary when the replica cannot be asked or cannot answer', async () => {
    expect(await where(routing(new FakeReplica(new Error('connect ECONNREFUSED'))), '1/0')).to.equal('primary');
    const away = routing(new FakeReplica('0/0'));
    const down = () => away.read(async () => 'primary', async () => { throw new StorageUnavailableError('database unavailable'); });
    expect(await asRequest(undefined, down)).to.equal('primary');
    const refused = () => away.read(async () => 'primary', async () => { throw new Error('syntax error'); });
    await asRequest(undefined, refused).then(() => expect.fail('a refused statement is not the replica being away'), (e: Error) => expect(e.message).to.equal('syntax error'));
  });

  it('ask the replica once for many reads waiting at the same time', async () => {
    const replica = new FakeReplica('3/0');
    const r = routing(replica);
    expect(await Promise.all(Array.from({ length: 10 }, () => where(r, '3/0')))).to.deep.equal(Array(10).fill('replica'));
    expect(replica.asked).to.equal(1);
  });

  it('hand out where the primary stands after a write', async () => {
    expect(await routing(new FakeReplica('0/0')).written()).to.equal('2/A0');
  });
});
