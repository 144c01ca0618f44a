/**
 * `watch-together/testing/contracts`: the promises every storage and neighbour adapter of the core keeps,
 * as test suites any adapter can be held to (this repository runs them on memory, PGlite and
 * PostgreSQL). Each takes a ContractSubject and, optionally, the test framework's functions.
 */
export * from './repositories.contract.js';
export * from './search.contract.js';
export * from './stores.contract.js';
export * from './neighbours.contract.js';
