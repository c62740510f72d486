/**
 * Deletes the summary revisions a batch replaced, right after it was appended and in the same
 * transaction: among all rows of the traces the batch touched, every row but the highest revision
 * (then the highest `seq`) goes, with its annotation values. So `trace_summaries` holds one row per
 * trace and reads need no ranking: ranking 1,000,000 trace IDs on every query costs 0.5–0.9 s, and
 * an anti-join against a list of replaced rows defeats DuckDB's top-N, tripling the cost of a page.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { TraceSummaryRecord } from '@roentgen/storage';
import { sqlStatement } from './sql-params.ts';

/** Deletes rows replaced by the batch `records`, appended with `seq` from `firstSeq`. */
export async function deleteReplacedSummaries(
  connection: DuckDBConnection,
  records: readonly TraceSummaryRecord[],
  firstSeq: number,
): Promise<void> {
  let minEpoch = Infinity;
  let maxEpoch = -Infinity;
  for (const r of records) {
    minEpoch = Math.min(minEpoch, r.traceEpoch);
    maxEpoch = Math.max(maxEpoch, r.traceEpoch);
  }
  // traceEpoch is fixed per trace, so the batch's epoch range bounds every older row of its traces and
  // lets the row groups' min/max skip the rest of the table; seq >= firstSeq selects the batch itself.
  const replaced = sqlStatement(
    (p) => `CREATE OR REPLACE TEMP TABLE replaced_summaries AS
      SELECT seq FROM trace_summaries
      WHERE trace_epoch >= ${p.add(minEpoch)} AND trace_epoch <= ${p.add(maxEpoch)}
        AND trace_id IN (SELECT trace_id FROM trace_summaries WHERE seq >= ${p.add(firstSeq)})
      QUALIFY row_number() OVER (PARTITION BY trace_id ORDER BY revision DESC, seq DESC) > 1`,
  );
  await connection.run(replaced.sql, replaced.params.values, replaced.params.types);
  const count = await connection.runAndReadAll('SELECT count(*) AS n FROM replaced_summaries');
  if (Number(count.getRowObjectsJS()[0]?.n ?? 0) === 0) return;
  await connection.run('DELETE FROM trace_summaries WHERE seq IN (SELECT seq FROM replaced_summaries)');
  await connection.run('DELETE FROM summary_annotations WHERE seq IN (SELECT seq FROM replaced_summaries)');
}
