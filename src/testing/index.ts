/**
 * `watch-together/testing`: what another service needs to run the core without a database and
 * to build test data — the memory adapters and fixtures. Nothing here needs more than the core.
 * The port contract suites are `watch-together/testing/contracts` (they need chai).
 */
export * from './contract-subject.js';
export * from './fixtures.js';
export * from './memory.js';
export * from './states.js';
export * from './test-api.js';
