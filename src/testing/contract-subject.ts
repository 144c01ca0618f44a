import type { StoragePorts } from '../application/index.js';

/** A rating as stored, for seeding the read side. */
export type SeededRating = {
  readonly announcementId: string;
  readonly raterId: string;
  readonly rateeId: string;
  /** The side of the ratee's rating it counts towards. */
  readonly as: 'host' | 'guest';
  readonly score: number;
};

/** One backend's storage ports, empty, as a contract suite gets them for each test. */
export type PortsUnderTest = StoragePorts & {
  /** Seeds a rating straight into storage, keeping the host’s score as RateParticipant does: the read side is held to its promises without the rest of the write path. */
  seedRating(row: SeededRating): Promise<void>;
  close(): Promise<void>;
};

/** What a consumer hands the contract suites: a name, and a way to open its adapters on empty storage. */
export type ContractSubject = { readonly name: string; open(): Promise<PortsUnderTest> };
