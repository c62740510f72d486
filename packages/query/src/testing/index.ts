/**
 * `@roentgen/query/testing`: builders, random traces and expressions, and the differential check of
 * GetTraceSummaries, for this package's tests and for running the same check against store adapters.
 */
export { T0, at, toRecord, traceIdFor } from './trace-builders.ts';
export { HOSTILE_STRINGS, Random, randomTraces } from './random-traces.ts';
export { quoted, randomFilterText } from './random-filters.ts';
export { TEST_GROUPS, expectedIds, loadRandomTraces, pushdownDisagreements, searchAll } from './differential.ts';
