// @ts-check
/**
 * `npm run mutate`: StrykerJS over the core (domain, application) and the HTTP error mapping,
 * run against the fast loop (`npm run test:unit`: memory adapters, no database) with per-test
 * coverage, so each mutant runs only the tests that reach it. Scores and the survivors judged
 * equivalent: docs/TESTING.md.
 */
process.env.BACKENDS = 'memory';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'mocha',
  mochaOptions: { config: '.mocharc.unit.json' },
  testRunnerNodeArgs: ['--import', 'tsx'],
  coverageAnalysis: 'perTest',
  mutate: ['src/domain/**/*.ts', 'src/application/**/*.ts', 'src/adapters/http/error-mapping.ts', '!src/**/index.ts'],
  thresholds: { high: 95, low: 90, break: 90 },
  concurrency: 2,
  timeoutMS: 10000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
