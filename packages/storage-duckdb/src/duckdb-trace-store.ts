/**
 * The embedded `TraceStore`: one DuckDB database in the server process (which must own the file; no
 * other process can open it meanwhile). One connection writes, through a queue, each call in one
 * transaction that is committed (and so in the write-ahead log) before the promise resolves; a
 * second connection reads, also through a queue, and sees only committed data.
 */
import { stat } from 'node:fs/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import type {
  ConfigKind,
  ConfigRecord,
  DocumentRecord,
  GraphStatsDelta,
  GraphStatsWindow,
  StoreStats,
  SummaryPage,
  SummaryQuery,
  TimeWindow,
  TraceStore,
  TraceSummaryRecord,
} from '@roentgen/storage';
import { checkPerBucketSeconds, checkSummaryLimit } from '@roentgen/storage';
import type { DuckDbTraceStoreOptions } from './duckdb-store-options.ts';
import type { OpenDatabase } from './open-database.ts';
import { closeDatabase, openDatabase } from './open-database.ts';
import { GraphCompactor } from './graph-compaction.ts';
import { GRAPH_WIDTHS, edgeRowsAtWidth, nodeRowsAtWidth } from './graph-levels.ts';
import { GraphRangeCache } from './graph-range-cache.ts';
import { readGraphStats } from './graph-stats-read.ts';
import type { StandAside } from './record-appenders.ts';
import {
  appendDocumentRows,
  appendEdgeRows,
  appendNodeRows,
  appendSummaryRows,
  packingOnce,
  standAsideNow,
} from './record-appenders.ts';
import type { Row } from './record-rows.ts';
import { countOf, documentFromRow, summaryFromRow } from './record-rows.ts';
import { SerialQueue } from './serial-queue.ts';
import type { SqlStatement } from './sql-params.ts';
import { sqlStatement } from './sql-params.ts';
import { summaryKeysSql, summaryRowsSql } from './summary-query-sql.ts';
import { deleteReplacedSummaries } from './summary-supersede-sql.ts';
import { documentsSql, packedDocumentsSql, traceIdsSql, unpackDocumentRow } from './document-query-sql.ts';

/** The DuckDB adapter of the store port; see the package README for the schema. */
export class DuckDbTraceStore implements TraceStore {
  readonly #path: string;
  readonly #writes = new SerialQueue();
  readonly #derivedWrites = new SerialQueue();
  readonly #reads = new SerialQueue();
  #open: OpenDatabase | undefined;
  #closing: Promise<void> | undefined;
  #nextSeq = 1;
  /** Document writes queued or running. */
  #documentWrites = 0;

  readonly #memoryLimit: string;
  readonly #compactor: GraphCompactor;
  readonly #graphCache: GraphRangeCache;
  readonly #logger: { warn(message: string): void };
  readonly #moveDerivedTablesTo: string | undefined;

  constructor(options: DuckDbTraceStoreOptions) {
    this.#path = options.path;
    this.#memoryLimit = options.memoryLimit ?? '1GB';
    this.#compactor = new GraphCompactor(
      {
        write: (work) => this.#write(0, work),
        usable: () => this.#usable() !== undefined,
        invalidate: (width, buckets) => this.#graphCache.invalidate(width, buckets),
        standAside: this.#forDocuments,
        warn: (message) => this.#logger.warn(message),
      },
      options.compactGraphAfterRows ?? 20_000,
    );
    this.#graphCache = new GraphRangeCache(options.graphCacheEntries ?? 6_000_000);
    this.#logger = options.logger ?? console;
    this.#moveDerivedTablesTo = options.moveDerivedTablesTo;
  }

  async open(): Promise<void> {
    if (this.#open) return;
    this.#closing = undefined;
    const { database, nextSeq } = await openDatabase({
      path: this.#path,
      memoryLimit: this.#memoryLimit,
      moveDerivedTablesTo: this.#moveDerivedTablesTo,
      warn: (message) => this.#logger.warn(message),
    });
    this.#nextSeq = nextSeq;
    this.#open = database;
  }

  close(): Promise<void> {
    this.#closing ??= this.#closeNow();
    return this.#closing;
  }

  async #closeNow(): Promise<void> {
    const open = this.#open;
    if (!open) return;
    // Calls queued before close still run; calls made after it find the store closed.
    await Promise.all([this.#writes.drain(), this.#derivedWrites.drain(), this.#reads.drain()]);
    this.#open = undefined;
    await closeDatabase(open, this.#path !== ':memory:');
  }

  appendDocuments(records: readonly DocumentRecord[]): Promise<void> {
    this.#documentWrites += 1;
    return this.#write(
      records.length,
      (writer, firstSeq) => appendDocumentRows(writer, records, firstSeq),
      true,
    ).finally(() => (this.#documentWrites -= 1));
  }

  // Derived writes (summaries, graph statistics, compaction) stand aside here between slices and before
  // they commit, while a client's documents wait to be written: a client waits for its commit, the
  // derived rows only for each other (docs/adr/0010).
  readonly #forDocuments: StandAside = {
    waiting: () => this.#documentWrites > 0,
    wait: async () => {
      while (this.#documentWrites > 0) await this.#writes.drain();
    },
  };

  getTraceDocuments(
    traceIds: readonly string[],
    options?: { readonly everyVersion?: boolean },
  ): Promise<Map<string, DocumentRecord[]>> {
    return this.#read(async (reader) => {
      const result = new Map<string, DocumentRecord[]>();
      if (traceIds.length === 0) return result;
      const every = options?.everyVersion === true;
      const packed = (await rows(reader, packedDocumentsSql(traceIds, every))).map(unpackDocumentRow);
      // Only a name or ID holding the separator makes a row unpackable; then the columns are read as they are.
      const read = packed.every((row) => row !== undefined)
        ? packed
        : await rows(reader, documentsSql(traceIds, every));
      for (const row of read) {
        const record = documentFromRow(row);
        const list = result.get(record.traceId);
        if (list) list.push(record);
        else result.set(record.traceId, [record]);
      }
      return result;
    });
  }

  listTraceIds(window: TimeWindow, limit: number): Promise<string[]> {
    return this.#read(async (reader) => {
      if (limit < 1) return [];
      return (await rows(reader, traceIdsSql(window, limit))).map((row) => row.trace_id as string);
    });
  }

  appendTraceSummaries(records: readonly TraceSummaryRecord[]): Promise<void> {
    if (records.length === 0) return this.#write(0, () => Promise.resolve());
    return this.#write(records.length, async (writer, firstSeq) => {
      await appendSummaryRows(writer, records, firstSeq, this.#forDocuments);
      await deleteReplacedSummaries(writer, records, firstSeq);
    });
  }

  queryTraceSummaries(query: SummaryQuery): Promise<SummaryPage> {
    return this.#read(async (reader) => {
      checkSummaryLimit(query.limit);
      // One snapshot for both statements, so that a revision replaced in between cannot vanish
      // from the page.
      const { keys, records } = await inReadTransaction(reader, async () => {
        const keys = await rows(reader, summaryKeysSql(query));
        const found = keys.filter((row) => row.trace_id !== null).slice(0, query.limit);
        return { keys, records: await pageRecords(reader, query, found) };
      });
      const first = keys[0];
      const matched = keys.filter((row) => row.trace_id !== null).length;
      if (matched <= query.limit) {
        return { records, scanned: countOf(first?.scanned_all ?? 0), nextCursor: undefined };
      }
      const last = records[records.length - 1] as TraceSummaryRecord;
      const time = query.timeRangeType === 'TraceId' ? last.traceEpoch : last.endTime;
      return {
        records,
        scanned: countOf(first?.scanned_to_bound ?? 0),
        nextCursor: { time, traceId: last.traceId },
      };
    });
  }

  appendGraphStats(delta: GraphStatsDelta): Promise<void> {
    const touched = new Map<number, number[]>();
    const written = this.#write(0, async (writer) => {
      // The same histograms go in at every width.
      const pack = packingOnce();
      for (const width of GRAPH_WIDTHS) {
        const nodes = nodeRowsAtWidth(delta.nodes, width);
        const edges = edgeRowsAtWidth(delta.edges, width);
        if (nodes.length > 0) await appendNodeRows(writer, nodes, width, this.#forDocuments, pack);
        if (edges.length > 0) await appendEdgeRows(writer, edges, width, this.#forDocuments, pack);
        const buckets = [...nodes, ...edges].map((row) => row.bucketStart);
        this.#compactor.written(width, buckets, nodes.length + edges.length);
        touched.set(width, buckets);
      }
    });
    // After the commit (or the rollback), never before: see graph-range-cache.ts.
    const settled = written.finally(() => {
      for (const [width, buckets] of touched) this.#graphCache.invalidate(width, buckets);
    });
    void settled.then(() => this.#compactor.compactIfDue(), ignore);
    return settled;
  }

  queryGraphStats(window: TimeWindow, options?: { perBucketSeconds?: number }): Promise<GraphStatsWindow> {
    return this.#read((reader) => {
      checkPerBucketSeconds(options?.perBucketSeconds);
      return readGraphStats(reader, this.#graphCache, window, options?.perBucketSeconds);
    });
  }

  listConfig(kind: ConfigKind): Promise<ConfigRecord[]> {
    return this.#read(async (reader) => {
      const found = await rows(
        reader,
        sqlStatement((p) => `SELECT name, body, modified_at FROM config WHERE kind = ${p.add(kind)} ORDER BY name`),
      );
      return found.map((row) => ({
        kind,
        name: row.name as string,
        body: row.body as string,
        modifiedAt: row.modified_at as number,
      }));
    });
  }

  putConfig(record: ConfigRecord): Promise<void> {
    return this.#write(0, async (writer) => {
      const { kind, name, body, modifiedAt } = record;
      await execute(
        writer,
        sqlStatement(
          (p) =>
            `INSERT OR REPLACE INTO config VALUES (${p.add(kind)}, ${p.add(name)}, ${p.add(body)}, ${p.add(modifiedAt)})`,
        ),
      );
    });
  }

  deleteConfig(kind: ConfigKind, name: string): Promise<boolean> {
    return this.#write(0, async (writer) => {
      const statement = sqlStatement((p) => `DELETE FROM config WHERE kind = ${p.add(kind)} AND name = ${p.add(name)}`);
      return (await execute(writer, statement)) > 0;
    });
  }

  stats(): Promise<StoreStats> {
    return this.#read(async (reader) => {
      const [counts] = await rows(
        reader,
        sqlStatement(() => 'SELECT (SELECT count(*) FROM documents) AS d, (SELECT count(*) FROM trace_summaries) AS s'),
      );
      return {
        documents: countOf(counts?.d ?? 0),
        traceSummaries: countOf(counts?.s ?? 0),
        bytesOnDisk: await this.#bytesOnDisk(),
      };
    });
  }

  // Runs one write in its own transaction: documents on their own connection, everything else on the
  // other, each connection's writes one after another. Documents and derived rows are separate tables,
  // so the two transactions never conflict, and a client's document batch does not wait behind a
  // summary write (which waited 20 ms per batch on average when they shared one queue). `seq` values
  // are taken when a write starts, so writes get distinct values; a failed write leaves a gap.
  #write<T>(
    seqCount: number,
    work: (writer: DuckDBConnection, firstSeq: number) => Promise<T>,
    documents = false,
  ): Promise<T> {
    const open = this.#usable();
    if (!open) return Promise.reject(new Error('DuckDbTraceStore is not open'));
    const queue = documents ? this.#writes : this.#derivedWrites;
    const writer = documents ? open.writer : open.derivedWriter;
    return queue.run(async () => {
      const firstSeq = this.#nextSeq;
      this.#nextSeq += seqCount;
      await writer.run('BEGIN TRANSACTION');
      try {
        const result = await work(writer, firstSeq);
        if (!documents) await standAsideNow(this.#forDocuments);
        await writer.run('COMMIT');
        return result;
      } catch (error) {
        await writer.run('ROLLBACK');
        throw error;
      }
    });
  }

  #read<T>(work: (reader: DuckDBConnection) => Promise<T>): Promise<T> {
    const open = this.#usable();
    if (!open) return Promise.reject(new Error('DuckDbTraceStore is not open'));
    return this.#reads.run(() => work(open.reader));
  }

  // Checked when a call is made, not when it runs: calls made before close() still run.
  #usable(): OpenDatabase | undefined {
    return this.#closing ? undefined : this.#open;
  }

  async #bytesOnDisk(): Promise<number> {
    if (this.#path === ':memory:') return 0;
    const sizes = await Promise.all(
      [this.#path, `${this.#path}.wal`].map((file) =>
        stat(file).then(
          (s) => s.size,
          () => 0,
        ),
      ),
    );
    return sizes.reduce((a, b) => a + b, 0);
  }
}

// Runs a statement that returns no rows; resolves with the number of rows it changed.
async function execute(connection: DuckDBConnection, { sql, params }: SqlStatement): Promise<number> {
  const result = await connection.run(sql, params.values, params.types);
  return result.rowsChanged;
}

async function rows(connection: DuckDBConnection, { sql, params }: SqlStatement): Promise<Row[]> {
  const reader = await connection.runAndReadAll(sql, params.values, params.types);
  return reader.getRowObjectsJS();
}

// The page's records in the keys' order, read whole (facts left empty when the query says so).
async function pageRecords(
  reader: DuckDBConnection,
  query: SummaryQuery,
  keys: readonly Row[],
): Promise<TraceSummaryRecord[]> {
  if (keys.length === 0) return [];
  const times = keys.map((row) => row.order_time as number);
  const statement = summaryRowsSql(
    query.timeRangeType,
    keys.map((row) => row.page_seq as number),
    Math.min(...times),
    Math.max(...times),
    query.withoutFacts === true,
  );
  const bySeq = new Map((await rows(reader, statement)).map((row) => [row.seq as number, row]));
  return keys.map((key) => {
    const row = bySeq.get(key.page_seq as number);
    if (row === undefined) throw new Error(`trace summary row ${Number(key.page_seq)} vanished within one snapshot`);
    return summaryFromRow(row);
  });
}

async function inReadTransaction<T>(reader: DuckDBConnection, work: () => Promise<T>): Promise<T> {
  await reader.run('BEGIN TRANSACTION');
  let result: T;
  try {
    result = await work();
  } catch (error) {
    await reader.run('ROLLBACK');
    throw error;
  }
  await reader.run('COMMIT');
  return result;
}

function ignore(): void {}
