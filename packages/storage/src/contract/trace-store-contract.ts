/**
 * The behaviour every `TraceStore` must show, as one `node:test` suite that each adapter's tests run
 * against their own store (`@roentgen/storage/contract`). The builders used here are exported too.
 */
import { describe } from 'node:test';
import type { ContractStoreFactory } from './contract-harness.ts';
import { describeConfigContract } from './config-contract.ts';
import { describeDocumentsContract } from './documents-contract.ts';
import { describeGraphStatsContract } from './graph-stats-contract.ts';
import { describeGraphWindowsContract } from './graph-windows-contract.ts';
import { describeLifecycleContract } from './lifecycle-contract.ts';
import { describeSummariesContract } from './summaries-contract.ts';
import { describeSummaryPredicateContract } from './summary-predicate-contract.ts';

export type { ContractContext, ContractStoreFactory, ContractStoreHandle } from './contract-harness.ts';
export { sortedGraphStats } from './graph-stats-contract.ts';
export {
  DEFAULT_EPOCH,
  TRICKY_STRINGS,
  epochOfTraceId,
  makeConfigRecord,
  makeCounters,
  makeDocumentRecord,
  makeEdgeStatsRow,
  makeNodeKey,
  makeNodeStatsRow,
  makeSegmentId,
  makeTraceId,
  makeTraceSummaryRecord,
} from './record-builders.ts';

/**
 * Registers the contract cases under `describe(name)`. `createStore` is called once per case and
 * must return a fresh, empty, not yet opened store; the suite opens, closes and cleans it up.
 */
export function runTraceStoreContract(name: string, createStore: ContractStoreFactory): void {
  describe(`TraceStore contract: ${name}`, () => {
    describeDocumentsContract(createStore);
    describeSummariesContract(createStore);
    describeSummaryPredicateContract(createStore);
    describeGraphStatsContract(createStore);
    describeGraphWindowsContract(createStore);
    describeConfigContract(createStore);
    describeLifecycleContract(createStore);
  });
}
