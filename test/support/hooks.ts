import { disposeBackends } from '../contract/backends.js';
import { reliabilityReport } from '../reliability/reliability-record.js';
import { disposeSharedNeighbours } from './http.js';

/** Mocha root hooks: databases made for this run are dropped once every suite is done. */
export const mochaHooks = {
  async afterAll(): Promise<void> {
    await disposeBackends();
    await disposeSharedNeighbours();
    const report = reliabilityReport();
    if (report) console.log(`\n  Reliability figures of this run:\n${report}\n`);
  },
};
