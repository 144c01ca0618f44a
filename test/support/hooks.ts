import { disposeBackends } from '../contract/backends.js';

/** Mocha root hooks: databases made for this run are dropped once every suite is done. */
export const mochaHooks = {
  async afterAll(): Promise<void> {
    await disposeBackends();
  },
};
