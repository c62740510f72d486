/**
 * The JSON shapes of X-Ray's `GetServiceGraph` / `GetTraceGraph` `Services` and of
 * `GetTimeSeriesServiceStatistics` entries (reference §4.5.4-4.5.6), member names as on the wire.
 * Times are epoch seconds (numbers, never strings: §9 item 1).
 */

import type { HistogramEntries } from './histogram-entries.ts';

/** `ErrorStatistics`: 4xx responses, 429s counted apart. */
export interface ErrorStatistics {
  ThrottleCount: number;
  OtherCount: number;
  TotalCount: number;
}

/** `FaultStatistics`: 5xx responses. */
export interface FaultStatistics {
  OtherCount: number;
  TotalCount: number;
}

/**
 * `ServiceStatistics` (also the shape of `EdgeStatistics`). Every counter is always present, zero when
 * nothing happened: Grafana reads them without checks (§9 item 17).
 */
export interface ServiceStatistics {
  OkCount: number;
  ErrorStatistics: ErrorStatistics;
  FaultStatistics: FaultStatistics;
  TotalCount: number;
  /** Sum of response times, seconds. */
  TotalResponseTime: number;
}

/** `EdgeStatistics`: the caller's view of the calls along an edge. */
export type EdgeStatistics = ServiceStatistics;

/** One histogram bar (graph replies hold them as `HistogramEntries`, which serialize to these): `Value` a time in seconds (millisecond-rounded), `Count` records at it. */
export interface HistogramEntry {
  Value: number;
  Count: number;
}

/** `Alias`: another name a caller used for the edge's target. */
export interface XRayAlias {
  Name: string;
  Names: string[];
  Type: string;
}

/** `Edge`: an outgoing connection of a node. */
export interface XRayEdge {
  /** The `ReferenceId` of the target node in the same response. */
  ReferenceId: number;
  StartTime: number;
  EndTime: number;
  SummaryStatistics: EdgeStatistics;
  ResponseTimeHistogram: HistogramEntries;
  Aliases: XRayAlias[];
  /** Present only for asynchronous links. */
  EdgeType?: 'link';
}

/** `Service`: one node of the graph. */
export interface XRayService {
  /** Unique within one response; edges point at it. */
  ReferenceId: number;
  Name: string;
  /** Every name of the node, the canonical one first. */
  Names: string[];
  /** Present (true) only on root nodes, as in the docs' examples. */
  Root?: true;
  AccountId?: string;
  /** Absent for SDK segments without `origin`. */
  Type?: string;
  /** `active` for nodes backed by real segments, `unknown` for client and inferred nodes. */
  State: 'active' | 'unknown';
  StartTime: number;
  EndTime: number;
  Edges: XRayEdge[];
  /** Absent on client nodes, like the three fields below. */
  SummaryStatistics?: ServiceStatistics;
  DurationHistogram?: HistogramEntries;
  ResponseTimeHistogram?: HistogramEntries;
}

/** One entry of `TimeSeriesServiceStatistics`. */
export interface TimeSeriesServiceStatistic {
  /** Start of the period, epoch seconds. */
  Timestamp: number;
  /** Always present, zero-filled when the selector picks a service (§4.5.6). */
  EdgeSummaryStatistics: EdgeStatistics;
  /** Always present, zero-filled when the selector picks edges [INF]. */
  ServiceSummaryStatistics: ServiceStatistics;
  ResponseTimeHistogram: HistogramEntries;
}
