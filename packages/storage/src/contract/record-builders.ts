/**
 * Builders of store records with overrides, for the contract suite and for tests of other packages.
 * Defaults are valid and self-consistent (the trace ID encodes `traceEpoch`, times are ordered);
 * IDs come from a module counter, so two calls never collide unless told to.
 */
import type { ConfigRecord } from '../config-record.ts';
import type { DocumentRecord } from '../document-record.ts';
import type { EdgeStatsRow, NodeKey, NodeStatsRow, StatisticCounters } from '../graph-stats.ts';
import type { TraceSummaryRecord } from '../trace-summary-record.ts';

/** The epoch second the builders' default traces start at (2023-11-14). */
export const DEFAULT_EPOCH = 1_700_000_000;

let sequence = 0;

/** An X-Ray trace ID (`1-{8 hex epoch}-{24 hex}`) for `epochSeconds`; `unique` defaults to a counter. */
export function makeTraceId(epochSeconds = DEFAULT_EPOCH, unique: number = ++sequence): string {
  const epoch = Math.floor(epochSeconds).toString(16).padStart(8, '0');
  return `1-${epoch}-${unique.toString(16).padStart(24, '0')}`;
}

/** A 16-hex-digit segment ID; `unique` defaults to a counter. */
export function makeSegmentId(unique: number = ++sequence): string {
  return unique.toString(16).padStart(16, '0');
}

/** The epoch seconds encoded in an X-Ray trace ID, or `undefined` when it is not one. */
export function epochOfTraceId(traceId: string): number | undefined {
  const match = /^1-([0-9a-f]{8})-/.exec(traceId);
  return match?.[1] === undefined ? undefined : parseInt(match[1], 16);
}

/** A complete segment document one second long; `document` is built from the final fields. */
export function makeDocumentRecord(overrides: Partial<DocumentRecord> = {}): DocumentRecord {
  const traceId = overrides.traceId ?? makeTraceId(overrides.traceEpoch ?? DEFAULT_EPOCH);
  const traceEpoch = overrides.traceEpoch ?? epochOfTraceId(traceId) ?? DEFAULT_EPOCH;
  const startTime = overrides.startTime ?? traceEpoch + 0.25;
  const inProgress = overrides.inProgress ?? false;
  const base: Omit<DocumentRecord, 'document'> = {
    traceId,
    id: makeSegmentId(),
    parentId: undefined,
    kind: 'segment',
    name: 'checkout',
    origin: 'AWS::EC2::Instance',
    startTime,
    endTime: inProgress ? undefined : startTime + 1,
    inProgress,
    fault: false,
    error: false,
    throttle: false,
    httpStatus: 200,
    traceEpoch,
    receivedAt: startTime + 2,
    ...overrides,
  };
  const document = JSON.stringify({
    trace_id: base.traceId,
    id: base.id,
    name: base.name,
    start_time: base.startTime,
    ...(base.inProgress ? { in_progress: true } : { end_time: base.endTime }),
  });
  return { ...base, document: overrides.document ?? document };
}

/** A complete, fault-free trace summary of revision 1 whose times follow from `traceEpoch`. */
export function makeTraceSummaryRecord(overrides: Partial<TraceSummaryRecord> = {}): TraceSummaryRecord {
  const traceId = overrides.traceId ?? makeTraceId(overrides.traceEpoch ?? DEFAULT_EPOCH);
  const traceEpoch = overrides.traceEpoch ?? epochOfTraceId(traceId) ?? DEFAULT_EPOCH;
  const startTime = overrides.startTime ?? traceEpoch + 0.25;
  const endTime = overrides.endTime ?? startTime + 1.5;
  return {
    traceId,
    revision: 1,
    traceEpoch,
    startTime,
    endTime,
    responseTime: 1,
    duration: endTime - startTime,
    hasFault: false,
    hasError: false,
    hasThrottle: false,
    isPartial: false,
    httpStatus: 200,
    httpUrl: 'https://shop.example.com/cart',
    httpMethod: 'GET',
    userAgent: 'curl/8.5.0',
    clientIp: '192.0.2.10',
    rootService: 'checkout',
    services: ['checkout'],
    faultServices: [],
    errorServices: [],
    throttleServices: [],
    edges: [],
    rootCauseServices: { fault: [], error: [], responseTime: [] },
    users: [],
    annotations: {},
    summary: JSON.stringify({ Id: traceId }),
    facts: '{}',
    ...overrides,
  };
}

/** Counters of one OK request of `totalResponseTime` 0.5 s, with overrides. */
export function makeCounters(overrides: Partial<StatisticCounters> = {}): StatisticCounters {
  return {
    okCount: 1,
    errorThrottleCount: 0,
    errorOtherCount: 0,
    faultCount: 0,
    totalCount: 1,
    totalResponseTime: 0.5,
    ...overrides,
  };
}

/** A node key of an EC2 service in no account. */
export function makeNodeKey(overrides: Partial<NodeKey> = {}): NodeKey {
  return { name: 'checkout', type: 'AWS::EC2::Instance', accountId: undefined, ...overrides };
}

/** One node row in the 60-second bucket that holds `DEFAULT_EPOCH`. */
export function makeNodeStatsRow(overrides: Partial<NodeStatsRow> = {}): NodeStatsRow {
  const bucketStart = overrides.bucketStart ?? DEFAULT_EPOCH - (DEFAULT_EPOCH % 60);
  return {
    bucketStart,
    node: makeNodeKey(),
    root: false,
    counters: makeCounters(),
    responseTimeHistogram: { 500: 1 },
    durationHistogram: { 500: 1 },
    startTime: bucketStart + 1,
    endTime: bucketStart + 1.5,
    ...overrides,
  };
}

/** One synchronous edge row from `checkout` to `payments`. */
export function makeEdgeStatsRow(overrides: Partial<EdgeStatsRow> = {}): EdgeStatsRow {
  const bucketStart = overrides.bucketStart ?? DEFAULT_EPOCH - (DEFAULT_EPOCH % 60);
  return {
    bucketStart,
    source: makeNodeKey(),
    target: makeNodeKey({ name: 'payments' }),
    edgeType: undefined,
    counters: makeCounters(),
    responseTimeHistogram: { 500: 1 },
    startTime: bucketStart + 1,
    endTime: bucketStart + 1.5,
    ...overrides,
  };
}

/** A sampling rule record. */
export function makeConfigRecord(overrides: Partial<ConfigRecord> = {}): ConfigRecord {
  return {
    kind: 'sampling-rule',
    name: 'Default',
    body: '{"FixedRate":0.05}',
    modifiedAt: DEFAULT_EPOCH,
    ...overrides,
  };
}

/**
 * Strings that break naive SQL or JSON quoting, LIKE patterns and byte-order assumptions; stores
 * must keep them as data.
 */
export const TRICKY_STRINGS: readonly string[] = [
  "O'Brien",
  "it''s",
  'say "hi"',
  'back\\slash\\',
  '100%',
  'under_score',
  '%_%',
  'line\nbreak\r\ttab',
  "'); DROP TABLE documents; --",
  '" OR 1=1 --',
  '$1 ? :name @p',
  '{"json": [1, 2]}',
  'naïve café 日本語',
  'emoji 🧪 and \uffff',
  '',
];
