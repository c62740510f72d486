/**
 * The latest stored summary revision of traces the assembler no longer holds in memory, in one store
 * query: a `TraceId` window over their trace-ID seconds and a disjunction of their IDs.
 */
import { traceIdEpochSeconds } from '@roentgen/model';
import type { SummaryPredicate, TraceStore } from '@roentgen/storage';

/** Trace ID → latest stored revision; traces with no stored summary are absent. */
export async function previousRevisions(store: TraceStore, traceIds: readonly string[]): Promise<Map<string, number>> {
  const revisions = new Map<string, number>();
  const epochs = traceIds.map((id) => traceIdEpochSeconds(id) ?? 0);
  if (traceIds.length === 0) return revisions;
  const predicate: SummaryPredicate = {
    kind: 'or',
    of: traceIds.map((value) => ({ kind: 'compare', field: 'traceId', op: '=', value })),
  };
  let cursor;
  do {
    const page = await store.queryTraceSummaries({
      timeRangeType: 'TraceId',
      from: Math.min(...epochs),
      to: Math.max(...epochs) + 1,
      predicate,
      limit: 1000,
      withoutFacts: true,
      ...(cursor ? { cursor } : {}),
    });
    for (const record of page.records) revisions.set(record.traceId, record.revision);
    cursor = page.nextCursor;
  } while (cursor);
  return revisions;
}
