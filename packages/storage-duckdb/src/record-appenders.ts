/**
 * Writes records into their tables through DuckDB Appenders: columnar batches, no SQL text at all,
 * so no value is ever parsed as SQL. The caller owns the transaction and the `seq` numbering.
 */
import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';
import type {
  DocumentRecord,
  EdgeStatsRow,
  Histogram,
  NodeKey,
  NodeStatsRow,
  SortedHistogram,
  StatisticCounters,
  TraceSummaryRecord,
} from '@roentgen/storage';
import { annotationValuesText, edgePairsText, edgeResponseTimesText } from './summary-token-columns.ts';
import { stringSetText } from './token-set.ts';
import { packHistogram } from './histogram-blob.ts';

/** Appends documents with `seq` values `firstSeq`, `firstSeq + 1`, … in array order. */
export async function appendDocumentRows(
  connection: DuckDBConnection,
  records: readonly DocumentRecord[],
  firstSeq: number,
): Promise<void> {
  await withAppender(connection, 'documents', records, undefined, (a, r, i) => {
    a.appendDouble(r.traceEpoch);
    a.appendVarchar(r.traceId);
    a.appendVarchar(r.id);
    varcharOrNull(a, r.parentId);
    a.appendVarchar(r.kind);
    a.appendVarchar(r.name);
    varcharOrNull(a, r.origin);
    a.appendDouble(r.startTime);
    doubleOrNull(a, r.endTime);
    a.appendBoolean(r.inProgress);
    a.appendBoolean(r.fault);
    a.appendBoolean(r.error);
    a.appendBoolean(r.throttle);
    integerOrNull(a, r.httpStatus);
    a.appendDouble(r.receivedAt);
    a.appendDouble(firstSeq + i);
    a.appendVarchar(r.document);
    a.endRow();
  });
}

/** Appends summaries (and their annotation values) with `seq` values from `firstSeq` in array order. */
export async function appendSummaryRows(
  connection: DuckDBConnection,
  records: readonly TraceSummaryRecord[],
  firstSeq: number,
  standAside?: StandAside,
): Promise<void> {
  await withAppender(connection, 'trace_summaries', records, standAside, (a, r, i) => {
    a.appendDouble(r.traceEpoch);
    a.appendVarchar(r.traceId);
    a.appendDouble(r.revision);
    a.appendDouble(firstSeq + i);
    a.appendDouble(r.startTime);
    a.appendDouble(r.endTime);
    a.appendDouble(r.responseTime);
    a.appendDouble(r.duration);
    a.appendBoolean(r.hasFault);
    a.appendBoolean(r.hasError);
    a.appendBoolean(r.hasThrottle);
    a.appendBoolean(r.isPartial);
    integerOrNull(a, r.httpStatus);
    varcharOrNull(a, r.httpUrl);
    varcharOrNull(a, r.httpMethod);
    varcharOrNull(a, r.userAgent);
    varcharOrNull(a, r.clientIp);
    varcharOrNull(a, r.rootService);
    for (const names of [r.services, r.faultServices, r.errorServices, r.throttleServices, r.users]) {
      a.appendVarchar(stringSetText(names));
    }
    for (const outcome of [undefined, 'fault', 'error', 'throttle'] as const) {
      a.appendVarchar(edgePairsText(r.edges, outcome));
    }
    a.appendVarchar(edgeResponseTimesText(r.edges));
    a.appendVarchar(stringSetText(r.rootCauseServices.fault));
    a.appendVarchar(stringSetText(r.rootCauseServices.error));
    a.appendVarchar(stringSetText(r.rootCauseServices.responseTime));
    a.appendVarchar(annotationValuesText(r.annotations));
    a.appendVarchar(JSON.stringify(r.edges));
    a.appendVarchar(JSON.stringify(r.annotations));
    a.appendVarchar(r.summary);
    a.appendVarchar(r.facts);
    a.endRow();
  });
  await withAppender(connection, 'summary_annotations', records, standAside, (a, r, i) => {
    for (const [key, values] of Object.entries(r.annotations)) {
      for (const value of values) {
        a.appendDouble(firstSeq + i);
        a.appendDouble(r.traceEpoch);
        a.appendDouble(r.startTime);
        a.appendDouble(r.endTime);
        a.appendVarchar(key);
        varcharOrNull(a, typeof value === 'string' ? value : undefined);
        doubleOrNull(a, typeof value === 'number' ? value : undefined);
        if (typeof value === 'boolean') a.appendBoolean(value);
        else a.appendNull();
        a.endRow();
      }
    }
  });
}

/** How a histogram is packed for its row: `packHistogram`, or a memo of it when one delta is written at several widths. */
export type HistogramPacker = (histogram: Histogram | SortedHistogram) => Uint8Array;

/** A `packHistogram` that packs each histogram object once, however many rows share it. */
export function packingOnce(): HistogramPacker {
  const packed = new WeakMap<object, Uint8Array>();
  return (histogram) => {
    let blob = packed.get(histogram);
    if (!blob) packed.set(histogram, (blob = packHistogram(histogram)));
    return blob;
  };
}

/** Appends node statistics rows as buckets of `width` seconds; histograms go in packed (histogram-blob.ts). */
export async function appendNodeRows(
  connection: DuckDBConnection,
  rows: readonly NodeStatsRow<Histogram | SortedHistogram>[],
  width: number,
  standAside?: StandAside,
  pack: HistogramPacker = packHistogram,
): Promise<void> {
  await withAppender(connection, 'graph_nodes', rows, standAside, (a, r) => {
    a.appendDouble(r.bucketStart);
    appendNodeKey(a, r.node);
    a.appendBoolean(r.root);
    appendCounters(a, r.counters);
    a.appendBlob(pack(r.responseTimeHistogram));
    a.appendBlob(pack(r.durationHistogram));
    a.appendDouble(r.startTime);
    a.appendDouble(r.endTime);
    a.appendDouble(width);
    a.endRow();
  });
}

/** Appends edge statistics rows as buckets of `width` seconds; the histogram goes in packed. */
export async function appendEdgeRows(
  connection: DuckDBConnection,
  rows: readonly EdgeStatsRow<Histogram | SortedHistogram>[],
  width: number,
  standAside?: StandAside,
  pack: HistogramPacker = packHistogram,
): Promise<void> {
  await withAppender(connection, 'graph_edges', rows, standAside, (a, r) => {
    a.appendDouble(r.bucketStart);
    appendNodeKey(a, r.source);
    appendNodeKey(a, r.target);
    varcharOrNull(a, r.edgeType);
    appendCounters(a, r.counters);
    a.appendBlob(pack(r.responseTimeHistogram));
    a.appendDouble(r.startTime);
    a.appendDouble(r.endTime);
    a.appendDouble(width);
    a.endRow();
  });
}

/**
 * How derived writes stand aside for other work of their thread (a client's documents): between slices
 * of rows they let the event loop turn, and while `waiting()` is true they `wait()`.
 */
export interface StandAside {
  readonly waiting: () => boolean;
  readonly wait: () => Promise<void>;
}

/** One turn of the event loop: lets messages that arrived meanwhile (a client's write) be received. */
export const nextTurn = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));

/** Turns the event loop, then waits while `standAside` says something waits. */
export async function standAsideNow(standAside: StandAside | undefined): Promise<void> {
  if (!standAside) return;
  await nextTurn();
  if (standAside.waiting()) await standAside.wait();
}

// Derived rows are appended in slices, standing aside between them. An appender's calls are synchronous,
// and a batch of summaries takes 50-150 ms to append: a document write waiting behind it on the same
// thread would delay every client's acknowledgement by as much. Nothing is flushed between slices (the
// appender keeps its rows while others write on their connections): flushes cost per call, and slices
// flushed every 256 rows made graph writes spend a third of their time flushing. DuckDB itself
// flushes every 2,048 rows.
const ROWS_PER_SLICE = 256;

// Opens an appender, appends the rows (in slices when `standAside` is given), and closes it (which
// flushes into the caller's transaction); on a failure the rows not yet flushed are dropped, and the
// caller rolls back the rest.
async function withAppender<R>(
  connection: DuckDBConnection,
  table: string,
  rows: readonly R[],
  standAside: StandAside | undefined,
  appendRow: (a: DuckDBAppender, row: R, index: number) => void,
): Promise<void> {
  const appender = await connection.createAppender(table);
  const slice = standAside ? ROWS_PER_SLICE : rows.length;
  try {
    for (let start = 0; start < rows.length; start += slice) {
      if (start > 0) await standAsideNow(standAside);
      const end = Math.min(rows.length, start + slice);
      for (let i = start; i < end; i++) appendRow(appender, rows[i] as R, i);
    }
    appender.flushSync();
  } catch (error) {
    appender.clear();
    throw error;
  } finally {
    appender.closeSync();
  }
}

function appendNodeKey(a: DuckDBAppender, key: NodeKey): void {
  a.appendVarchar(key.name);
  varcharOrNull(a, key.type);
  varcharOrNull(a, key.accountId);
}

function appendCounters(a: DuckDBAppender, c: StatisticCounters): void {
  a.appendDouble(c.okCount);
  a.appendDouble(c.errorThrottleCount);
  a.appendDouble(c.errorOtherCount);
  a.appendDouble(c.faultCount);
  a.appendDouble(c.totalCount);
  a.appendDouble(c.totalResponseTime);
}

function varcharOrNull(a: DuckDBAppender, value: string | undefined): void {
  if (value === undefined) a.appendNull();
  else a.appendVarchar(value);
}

function doubleOrNull(a: DuckDBAppender, value: number | undefined): void {
  if (value === undefined) a.appendNull();
  else a.appendDouble(value);
}

function integerOrNull(a: DuckDBAppender, value: number | undefined): void {
  if (value === undefined) a.appendNull();
  else a.appendInteger(value);
}
