/**
 * Hands the derived tables of a file written before ADR 0011 (one file for everything) over to the
 * derived store's own file, once, when the split store first opens that data directory: summaries and
 * graph statistics then stay searchable without being derived again from the documents.
 */
import { existsSync, rmSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { DuckDBInstance } from '@duckdb/node-api';
import { migrateSchema } from './duckdb-schema.ts';
import { sqlStringLiteral } from './sql-params.ts';

/** What a store derives from documents; `summary_annotations` rows belong to `trace_summaries` rows. */
export const DERIVED_TABLES = ['trace_summaries', 'summary_annotations', 'graph_nodes', 'graph_edges'] as const;

const ALIAS = 'roentgen_derived_target';

/**
 * Moves every derived row from the database of `connection` into a new file at `target`, then deletes
 * them here. Returns a note for the log, or undefined when there was nothing to move. A target that
 * already exists is left alone (it is the derived store's own file): the rows here are then not read,
 * and the note says so. Writes to two databases cannot share a transaction, so the copy commits before
 * the delete; a crash in between leaves rows here that the next start only reports.
 */
export async function moveDerivedTables(connection: DuckDBConnection, target: string): Promise<string | undefined> {
  const counts = await rowCounts(connection);
  const total = counts.trace_summaries + counts.graph_nodes + counts.graph_edges;
  if (total === 0) return undefined;
  if (existsSync(target)) {
    return (
      `the store file still holds ${rows(counts)} from before summaries had a file of their own; ` +
      `${target} exists, so they are not read`
    );
  }
  await createDerivedFile(target);
  try {
    await copyInto(connection, target);
  } catch (error) {
    // No half-filled file left behind: the next start tries again from the start.
    for (const file of [target, `${target}.wal`]) rmSync(file, { force: true });
    throw error;
  }
  await connection.run('BEGIN TRANSACTION');
  for (const table of DERIVED_TABLES) await connection.run(`DELETE FROM ${table}`);
  await connection.run('COMMIT');
  return `summaries and graph statistics now have a file of their own: moved ${rows(counts)} to ${target}`;
}

async function copyInto(connection: DuckDBConnection, target: string): Promise<void> {
  await connection.run(`ATTACH ${sqlStringLiteral(target)} AS ${ALIAS}`);
  try {
    await connection.run('BEGIN TRANSACTION');
    try {
      // BY NAME: an upgraded file may hold its columns in another order than a new one.
      for (const table of DERIVED_TABLES) {
        await connection.run(`INSERT INTO ${ALIAS}.${table} BY NAME SELECT * FROM ${table}`);
      }
      await connection.run('COMMIT');
    } catch (error) {
      await connection.run('ROLLBACK');
      throw error;
    }
  } finally {
    await connection.run(`DETACH ${ALIAS}`);
  }
}

// The schema is made the one way every store file gets it, by its own instance.
async function createDerivedFile(target: string): Promise<void> {
  const instance = await DuckDBInstance.create(target);
  try {
    const connection = await instance.connect();
    await migrateSchema(connection);
    connection.closeSync();
  } finally {
    instance.closeSync();
  }
}

function rows(counts: Record<(typeof DERIVED_TABLES)[number], number>): string {
  const graph = counts.graph_nodes + counts.graph_edges;
  return (
    `${counts.trace_summaries} trace ${counts.trace_summaries === 1 ? 'summary' : 'summaries'} and ` +
    `${graph} graph-statistics ${graph === 1 ? 'row' : 'rows'}`
  );
}

async function rowCounts(connection: DuckDBConnection): Promise<Record<(typeof DERIVED_TABLES)[number], number>> {
  const select = DERIVED_TABLES.map((table) => `(SELECT count(*) FROM ${table}) AS ${table}`).join(', ');
  const [row] = (await connection.runAndReadAll(`SELECT ${select}`)).getRowObjectsJS();
  return {
    trace_summaries: Number(row?.trace_summaries ?? 0),
    summary_annotations: Number(row?.summary_annotations ?? 0),
    graph_nodes: Number(row?.graph_nodes ?? 0),
    graph_edges: Number(row?.graph_edges ?? 0),
  };
}
