/**
 * GetTraceGraph (`POST /TraceGraph`, reference §4.5.5): the graph of the given traces, computed from
 * their raw documents (assembled, inferred nodes included), whatever their age. Unknown IDs add
 * nothing; `Services` come whole, without paging.
 */
import { isValidTraceId } from '@roentgen/model';
import type { SegmentDocument } from '@roentgen/model';
import { assembleOwnedTrace, buildTraceGraph, graphWindow, toServiceGraphResponse } from '@roentgen/service-map';
import type { TraceStore } from '@roentgen/storage';
import { invalidRequest } from '../errors/api-error.ts';
import { requiredStringArray } from '../http/input-members.ts';

/** Most trace IDs one request may name: the graph is built in memory from every document. */
export const MAX_TRACE_GRAPH_IDS = 1_000;

/** The action; `accountId` is shown on nodes whose segments named none. */
export function traceGraphAction(store: TraceStore, accountId: string) {
  return async (input: Record<string, unknown>): Promise<object> => {
    const requested = [...new Set(requiredStringArray(input, 'TraceIds'))];
    if (requested.length > MAX_TRACE_GRAPH_IDS) {
      throw invalidRequest(
        `TraceIds names ${requested.length} traces; GetTraceGraph takes at most ${MAX_TRACE_GRAPH_IDS}.`,
      );
    }
    const tooLong = requested.find((id) => id.length < 1 || id.length > 35);
    if (tooLong !== undefined) {
      throw invalidRequest(`Each trace ID must be 1 to 35 characters long, got ${JSON.stringify(tooLong)}.`);
    }
    const found = await store.getTraceDocuments(requested.filter((id) => isValidTraceId(id)));
    const graphs = [...found.values()].map((records) =>
      // Parsed for this call alone, so merged in place rather than copied first.
      buildTraceGraph(assembleOwnedTrace(records.map((r) => JSON.parse(r.document) as SegmentDocument))),
    );
    return { Services: toServiceGraphResponse(graphWindow(graphs), { accountId }) };
  };
}
