import { memoryAdapters, MemoryDatabase } from '../adapters/memory/index.js';
import type { ContractSubject, PortsUnderTest } from './contract-subject.js';

export { MemoryDatabase, MemoryDirectory, memoryAdapters, type DirectoryData } from '../adapters/memory/index.js';
export { EmbeddedLinkShortener } from '../adapters/links/embedded-link-shortener.js';

/** Every storage port in memory, empty: the reference the contract suites are written against. */
export const memoryPorts = (): PortsUnderTest => {
  const adapters = memoryAdapters(new MemoryDatabase());
  return {
    ...adapters,
    seedRating: async (row) => void adapters.db.ratings.set(`${row.announcementId}/${row.raterId}/${row.rateeId}`, row),
    close: async () => undefined,
  };
};

export const memorySubject: ContractSubject = { name: 'memory', open: async () => memoryPorts() };
