/**
 * Opening and closing the DuckDB database behind a `DuckDbTraceStore`: its settings, its three
 * connections, the schema (created, upgraded, or derived tables handed over to a split store's file).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { DuckDBInstance } from '@duckdb/node-api';
import { moveDerivedTables } from './derived-tables-move.ts';
import { migrateSchema } from './duckdb-schema.ts';

/** An open database and the store's connections to it. */
export interface OpenDatabase {
  readonly instance: DuckDBInstance;
  /** Writes documents, whose clients wait for the commit. */
  readonly writer: DuckDBConnection;
  /** Writes what is derived from documents (summaries, graph statistics, compaction) and configuration. */
  readonly derivedWriter: DuckDBConnection;
  readonly reader: DuckDBConnection;
}

export interface OpenSettings {
  readonly path: string;
  readonly memoryLimit: string;
  readonly moveDerivedTablesTo: string | undefined;
  readonly warn: (message: string) => void;
}

/** Opens the database at `settings.path` with its schema current; returns the next free `seq`. */
export async function openDatabase(settings: OpenSettings): Promise<{ database: OpenDatabase; nextSeq: number }> {
  const instance = await DuckDBInstance.create(settings.path, {
    memory_limit: settings.memoryLimit,
    // DuckDB checkpoints when its write-ahead log passes this size, inside the commit that crossed
    // it, and every write waits meanwhile. At the default 16 MB that happened every few seconds of
    // ingest (summaries write several KB per trace); 256 MB costs at most that much log to replay
    // after a crash (a clean close checkpoints).
    checkpoint_threshold: '256MB',
  });
  const writer = await instance.connect();
  const derivedWriter = await instance.connect();
  const reader = await instance.connect();
  const migration = await migrateSchema(writer);
  for (const note of migration.notes) settings.warn(note);
  if (settings.moveDerivedTablesTo !== undefined) {
    const note = await moveDerivedTables(writer, settings.moveDerivedTablesTo);
    if (note !== undefined) settings.warn(note);
  }
  return { database: { instance, writer, derivedWriter, reader }, nextSeq: migration.nextSeq };
}

/** Checkpoints a file database (so its log holds nothing to replay) and closes every connection. */
export async function closeDatabase(database: OpenDatabase, checkpoint: boolean): Promise<void> {
  if (checkpoint) await database.writer.run('CHECKPOINT');
  database.reader.closeSync();
  database.derivedWriter.closeSync();
  database.writer.closeSync();
  database.instance.closeSync();
}
