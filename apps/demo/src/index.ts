/**
 * `@roentgen/demo-app`: the name generator, Roentgen's reference scenario. Fifty word functions and
 * an entrypoint behind an API Gateway stage, run by a local function host that records what Lambda
 * and API Gateway record; a load runner for Artillery-format scripts; and the report computed from
 * Roentgen's API afterwards. It imports only `@roentgen/sdk`, as an outside team's system would.
 */
export {
  DEFAULT_MANIFEST_PATH,
  ENTRYPOINT,
  parseDemoManifest,
  readDemoManifest,
  withoutFaults,
} from './demo-manifest.ts';
export type { DemoManifest, FaultSpec, FunctionSpec, HandlerName } from './demo-manifest.ts';
export { startDemoSystem } from './demo-system.ts';
export type { DemoSystem, DemoSystemOptions } from './demo-system.ts';
export { spawnDemoHost } from './demo-host-process.ts';
export type { DemoHost, DemoHostConfig } from './demo-host-process.ts';
export { deployFunction } from './deploy-function.ts';
export {
  DEFAULT_SCRIPT_PATH,
  arrivalsDue,
  parseLoadScript,
  readLoadScript,
  scriptDuration,
} from './load/load-script.ts';
export type { LoadPhase, LoadScript } from './load/load-script.ts';
export { runLoad } from './load/open-loop-load.ts';
export type { LoadOptions, LoadResult } from './load/open-loop-load.ts';
export { LatencyStats, formatMillis, progressLine } from './load/latency-stats.ts';
export { SLOW_FILTER, buildDemoReport, formatDemoReport, waitForTracesToSettle } from './report/demo-report.ts';
export type { DemoReport } from './report/demo-report.ts';
export { findFaultingNodes, findSlowNodes, quantile } from './report/find-outliers.ts';
export type { FaultingNode, SlowNode } from './report/find-outliers.ts';
export { fetchNodeStatistics } from './report/node-statistics.ts';
export type { HistogramEntry, NodeStatistics, TimeWindow } from './report/node-statistics.ts';
