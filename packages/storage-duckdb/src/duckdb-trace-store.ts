/**
 * The embedded `TraceStore`: one DuckDB database in the server process (which must own the file; no
 * other process can open it meanwhile). One connection writes, through a queue, each call in one
 * transaction that is committed (and so in the write-ahead log) before the promise resolves; a
 * second connection reads, also through a queue, and sees only committed data.
 */
import { stat } from 'node:fs/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { DuckDBInstance } from '@duckdb/node-api';
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
import { migrateSchema } from './duckdb-schema.ts';
import { readGraphStats } from './graph-stats-sql.ts';
import { appendDocumentRows, appendEdgeRows, appendNodeRows, appendSummaryRows } from './record-appenders.ts';
import type { Row } from './record-rows.ts';
import { countOf, documentFromRow, summaryFromRow } from './record-rows.ts';
import { SerialQueue } from './serial-queue.ts';
import type { SqlStatement } from './sql-params.ts';
import { sqlStatement } from './sql-params.ts';
import { summaryQuerySql } from './summary-query-sql.ts';
import { deleteReplacedSummaries } from './summary-supersede-sql.ts';
import { documentsSql, traceIdsSql } from './document-query-sql.ts';

/** Where the database lives: a file path (its directory must exist) or `':memory:'`. */
export interface DuckDbTraceStoreOptions {
  readonly path: string;
  /**
   * Most memory DuckDB may use, in its own syntax (`'1GB'`). DuckDB's default is 80 % of the machine,
   * which an embedded store must not take from the process around it. Default `'1GB'`.
   */
  readonly memoryLimit?: string;
}

interface Open {
  readonly instance: DuckDBInstance;
  readonly writer: DuckDBConnection;
  readonly reader: DuckDBConnection;
}

/** The DuckDB adapter of the store port; see the package README for the schema. */
export class DuckDbTraceStore implements TraceStore {
  readonly #path: string;
  readonly #writes = new SerialQueue();
  readonly #reads = new SerialQueue();
  #open: Open | undefined;
  #closing: Promise<void> | undefined;
  #nextSeq = 1;

  readonly #memoryLimit: string;

  constructor(options: DuckDbTraceStoreOptions) {
    this.#path = options.path;
    this.#memoryLimit = options.memoryLimit ?? '1GB';
  }

  async open(): Promise<void> {
    if (this.#open) return;
    this.#closing = undefined;
    const instance = await DuckDBInstance.create(this.#path, { memory_limit: this.#memoryLimit });
    const writer = await instance.connect();
    const reader = await instance.connect();
    this.#nextSeq = await migrateSchema(writer);
    this.#open = { instance, writer, reader };
  }

  close(): Promise<void> {
    this.#closing ??= this.#closeNow();
    return this.#closing;
  }

  async #closeNow(): Promise<void> {
    const open = this.#open;
    if (!open) return;
    // Calls queued before close still run; calls made after it find the store closed.
    await Promise.all([this.#writes.drain(), this.#reads.drain()]);
    this.#open = undefined;
    if (this.#path !== ':memory:') await open.writer.run('CHECKPOINT');
    open.reader.closeSync();
    open.writer.closeSync();
    open.instance.closeSync();
  }

  appendDocuments(records: readonly DocumentRecord[]): Promise<void> {
    return this.#write(records.length, (writer, firstSeq) => appendDocumentRows(writer, records, firstSeq));
  }

  getTraceDocuments(traceIds: readonly string[]): Promise<Map<string, DocumentRecord[]>> {
    return this.#read(async (reader) => {
      const result = new Map<string, DocumentRecord[]>();
      if (traceIds.length === 0) return result;
      for (const row of await rows(reader, documentsSql(traceIds))) {
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
      await appendSummaryRows(writer, records, firstSeq);
      await deleteReplacedSummaries(writer, records, firstSeq);
    });
  }

  queryTraceSummaries(query: SummaryQuery): Promise<SummaryPage> {
    return this.#read(async (reader) => {
      checkSummaryLimit(query.limit);
      const result = await rows(reader, summaryQuerySql(query));
      const first = result[0];
      const page = result.filter((row) => row.trace_id !== null);
      if (page.length <= query.limit) {
        return { records: page.map(summaryFromRow), scanned: countOf(first?.scanned_all ?? 0), nextCursor: undefined };
      }
      const records = page.slice(0, query.limit).map(summaryFromRow);
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
    return this.#write(0, async (writer) => {
      if (delta.nodes.length > 0) await appendNodeRows(writer, delta.nodes);
      if (delta.edges.length > 0) await appendEdgeRows(writer, delta.edges);
    });
  }

  queryGraphStats(window: TimeWindow, options?: { perBucketSeconds?: number }): Promise<GraphStatsWindow> {
    return this.#read((reader) => {
      checkPerBucketSeconds(options?.perBucketSeconds);
      return readGraphStats(reader, window, options?.perBucketSeconds);
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

  // Runs one write in its own transaction on the write connection. `seq` is read inside the queued
  // task, so writes get distinct values increasing in queue order; `seqCount` of them are used.
  #write<T>(seqCount: number, work: (writer: DuckDBConnection, firstSeq: number) => Promise<T>): Promise<T> {
    const open = this.#usable();
    if (!open) return Promise.reject(new Error('DuckDbTraceStore is not open'));
    return this.#writes.run(async () => {
      const { writer } = open;
      const firstSeq = this.#nextSeq;
      await writer.run('BEGIN TRANSACTION');
      try {
        const result = await work(writer, firstSeq);
        await writer.run('COMMIT');
        this.#nextSeq = firstSeq + seqCount;
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
  #usable(): Open | undefined {
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
