/**
 * What the contract suites need of a test framework. mocha, jest, vitest and node:test all
 * provide these (as globals, or from their module): pass them in, or leave the globals.
 */
export type TestApi = {
  readonly describe: (name: string, body: () => void) => void;
  readonly it: (name: string, body: () => Promise<void> | void) => void;
  readonly beforeEach: (body: () => Promise<void> | void) => void;
  readonly afterEach: (body: () => Promise<void> | void) => void;
};

export const globalTestApi = (): TestApi => {
  const api = globalThis as unknown as Partial<TestApi>;
  if (!api.describe || !api.it || !api.beforeEach || !api.afterEach)
    throw new Error('No describe/it/beforeEach/afterEach globals: pass your test framework\'s to the contract suite.');
  return api as TestApi;
};
