import { EmbeddedLinkShortener } from '../../src/adapters/links/embedded-link-shortener.js';
import { MemoryDirectory } from '../../src/adapters/memory/memory-directory.js';
import { neighbourContract } from '../../src/testing/contracts/index.js';
import { httpAdapters } from '../support/neighbour-adapters.js';
import { StandInNeighbours } from '../support/stand-in-neighbours.js';

neighbourContract({
  name: 'the embedded directory and shortener',
  open: async (data) => {
    const directory = MemoryDirectory.of(data);
    return { users: directory, films: directory, links: new EmbeddedLinkShortener('http://wt.test'), close: async () => undefined };
  },
});

neighbourContract({
  name: 'the HTTP adapters, against stand-in services',
  open: async (data) => {
    const standIn = await StandInNeighbours.start(data);
    return { ...httpAdapters(standIn.config), close: () => standIn.stop() };
  },
});
