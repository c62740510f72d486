/**
 * Folds the delta rows of graph buckets into one row per key. Every write of the trace assembler
 * appends a row per key it touched, so a busy minute collects hundreds of rows per node; reads would
 * sum them all again each time. Compaction sums them once, in one transaction per bucket width (a
 * reader sees a width's rows before or after, never half), and drops keys whose requests net to zero.
 * Reads stay correct at any moment: they sum whatever rows there are. `GraphCompactor` decides when.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { SortedHistogram } from '@roentgen/storage';
import type { StandAside } from './record-appenders.ts';
import { appendEdgeRows, appendNodeRows, standAsideNow } from './record-appenders.ts';
import { mergePackedHistograms } from './histogram-blob.ts';
import { edgeFromRow, nodeFromRow } from './graph-row-shapes.ts';
import { COUNTER_SUMS, HAS_REQUESTS } from './graph-stats-sql.ts';
import type { Row } from './record-rows.ts';
import { SqlParams } from './sql-params.ts';

/** Bucket starts written since the last compaction, per width. */
export class DirtyBuckets {
  readonly #byWidth = new Map<number, Set<number>>();
  #rows = 0;

  /** Notes `rowCount` rows written into these buckets of `width`. */
  add(width: number, bucketStarts: Iterable<number>, rowCount: number): void {
    let set = this.#byWidth.get(width);
    if (!set) this.#byWidth.set(width, (set = new Set()));
    for (const start of bucketStarts) set.add(start);
    this.#rows += rowCount;
  }

  /** Rows written since the last `take`. */
  get rows(): number {
    return this.#rows;
  }

  /** The dirty buckets, forgetting them (a failed compaction hands them back with `add`). */
  take(): Map<number, Set<number>> {
    const taken = new Map(this.#byWidth);
    this.#byWidth.clear();
    this.#rows = 0;
    return taken;
  }
}

/** What a `GraphCompactor` needs of its store. */
export interface CompactionHost {
  /** Queues `work` as a write transaction of its own, behind the writes already waiting. */
  readonly write: (work: (writer: DuckDBConnection) => Promise<void>) => Promise<void>;
  /** Whether the store is open and not closing. */
  readonly usable: () => boolean;
  /** Forgets what the store's range cache holds of these buckets (graph-range-cache.ts). */
  readonly invalidate: (width: number, bucketStarts: Iterable<number>) => void;
  /** How compaction stands aside for a client's documents (record-appenders.ts). */
  readonly standAside: StandAside;
  readonly warn: (message: string) => void;
}

/**
 * Decides when to compact, and does it: once `compactAfterRows` rows were written since the last
 * compaction, one width per transaction, each queued when the last one ends, so that a graph write
 * arriving meanwhile waits for one width's folding (~0.1 s under load), not for all three. A failure
 * only postpones the folding (reads sum any number of rows): the buckets are handed back for the next
 * attempt.
 */
export class GraphCompactor {
  readonly #host: CompactionHost;
  readonly #compactAfterRows: number;
  readonly #dirty = new DirtyBuckets();
  #running = false;

  constructor(host: CompactionHost, compactAfterRows: number) {
    this.#host = host;
    this.#compactAfterRows = compactAfterRows;
  }

  /** Notes `rowCount` rows written into these buckets of `width` (call once they are committed). */
  written(width: number, bucketStarts: Iterable<number>, rowCount: number): void {
    this.#dirty.add(width, bucketStarts, rowCount);
  }

  /** Starts a compaction if enough rows were written since the last one and none is under way. */
  compactIfDue(): void {
    if (this.#running || this.#dirty.rows < this.#compactAfterRows || !this.#host.usable()) return;
    this.#running = true;
    this.#next([...this.#dirty.take()]);
  }

  #next(widths: [number, Set<number>][]): void {
    const host = this.#host;
    const taken = widths.shift();
    if (!taken || !host.usable()) {
      this.#running = false;
      this.compactIfDue();
      return;
    }
    const [width, buckets] = taken;
    host
      .write(async (writer) => {
        await standAsideNow(host.standAside);
        await compactGraphBuckets(writer, width, [...buckets], host.standAside);
      })
      // Compaction keeps every sum, but not the times of rows retracted entirely: forget the buckets.
      .finally(() => host.invalidate(width, buckets))
      .then(
        () => this.#next(widths),
        (error: unknown) => {
          if (host.usable()) for (const [w, b] of [taken, ...widths]) this.#dirty.add(w, b, 0);
          this.#running = false;
          const reason = error instanceof Error ? error.message : String(error);
          host.warn(`graph statistics compaction failed, retried after the next writes: ${reason}`);
        },
      );
  }
}

/** Compacts the given buckets of one width. Runs inside the caller's write transaction. */
export async function compactGraphBuckets(
  writer: DuckDBConnection,
  width: number,
  bucketStarts: readonly number[],
  standAside?: StandAside,
): Promise<void> {
  if (bucketStarts.length === 0) return;
  const select = (columns: string, histograms: string, table: string, keys: string): Promise<Row[]> => {
    const { sql, params } = scoped(
      (where) => `SELECT bucket_start, ${columns}, ${COUNTER_SUMS}, ${histograms}
        FROM ${table} WHERE ${where} GROUP BY bucket_start, ${keys} ${HAS_REQUESTS}`,
      width,
      bucketStarts,
    );
    return writer.runAndReadAll(sql, params.values, params.types).then((r) => r.getRowObjectsJS());
  };
  const nodeKeys = 'name, type, account_id, root';
  const nodes = await select(
    nodeKeys,
    'list(response_time_histogram) AS rt, list(duration_histogram) AS dur',
    'graph_nodes',
    nodeKeys,
  );
  const edgeKeys =
    'source_name, source_type, source_account_id, target_name, target_type, target_account_id, edge_type';
  const edges = await select(edgeKeys, 'list(response_time_histogram) AS rt', 'graph_edges', edgeKeys);
  for (const table of ['graph_nodes', 'graph_edges']) {
    const { sql, params } = scoped((where) => `DELETE FROM ${table} WHERE ${where}`, width, bucketStarts);
    await writer.run(sql, params.values, params.types);
  }
  const merged = (blobs: Row[string] | undefined): SortedHistogram => mergePackedHistograms(blobs as Uint8Array[]);
  await standAsideNow(standAside);
  await appendNodeRows(
    writer,
    nodes.map((row) => nodeFromRow(row, Number(row.bucket_start), merged(row.rt), merged(row.dur))),
    width,
    standAside,
  );
  await standAsideNow(standAside);
  await appendEdgeRows(
    writer,
    edges.map((row) => edgeFromRow(row, Number(row.bucket_start), merged(row.rt))),
    width,
    standAside,
  );
}

function scoped(build: (where: string) => string, width: number, bucketStarts: readonly number[]) {
  const params = new SqlParams();
  const list = bucketStarts.map((start) => params.add(start)).join(', ');
  return { sql: build(`width = ${params.add(width)} AND bucket_start IN (${list})`), params };
}
