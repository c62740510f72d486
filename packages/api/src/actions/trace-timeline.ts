/**
 * GetTraceTimeline (`POST /TraceTimeline`): Roentgen's own action, for the console; X-Ray has none.
 * One trace as the rows of its timeline (timeline-rows.ts) rather than BatchGetTraces' documents: a
 * trace of 10,000 segments is ~3 MB this way instead of ~12 MB of escaped JSON text, which the
 * server serializes and the browser receives, parses and walks in a fraction of the time. The console
 * reads the documents themselves (BatchGetTraces) only when the details of a row are opened.
 */
import { isValidTraceId } from '@roentgen/model';
import type { TraceStore } from '@roentgen/storage';
import { invalidRequest } from '../errors/api-error.ts';
import { optionalString } from '../http/input-members.ts';
import { compileStoredTrace, traceDuration } from './stored-trace.ts';
import { timelineRows, type TraceTimeline } from './timeline-rows.ts';

export interface TraceTimelineOutput {
  /** Absent when no document of the trace is stored (or the ID is not a trace ID). */
  Timeline?: TraceTimeline;
}

/** `TraceId` in; the timeline out, cut to at most `maxEntities` rows. */
export function traceTimeline(store: TraceStore, maxEntities: number) {
  return async (input: Record<string, unknown>): Promise<TraceTimelineOutput> => {
    const traceId = optionalString(input, 'TraceId');
    if (traceId === undefined) throw invalidRequest('TraceId is required: the ID of the trace to read.');
    if (!isValidTraceId(traceId)) return {};
    const records = (await store.getTraceDocuments([traceId])).get(traceId);
    if (records === undefined || records.length === 0) return {};
    const { assembled } = compileStoredTrace(records);
    return { Timeline: timelineRows(traceId, traceDuration(records), assembled, maxEntities) };
  };
}
