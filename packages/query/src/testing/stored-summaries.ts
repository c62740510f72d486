/** Reading back what an assembler wrote, for this package's tests. */
import type { TraceStore, TraceSummaryRecord } from '@roentgen/storage';

/** The latest summary of every trace in `store` (at most `limit`), whatever its time. */
export async function storedSummaries(store: TraceStore, limit = 100): Promise<TraceSummaryRecord[]> {
  const page = await store.queryTraceSummaries({
    timeRangeType: 'TraceId',
    from: 0,
    to: 4e9,
    predicate: { kind: 'true' },
    limit,
  });
  return page.records;
}
