import { createHash } from 'node:crypto';
import { isValidTraceId } from '@roentgen/model';
import { inferSegments } from '@roentgen/service-map';
import type { DocumentRecord, TraceStore } from '@roentgen/storage';
import { optionalString, requiredStringArray } from '../http/input-members.ts';
import type { PageTokens } from './page-token.ts';
import { compileStoredTrace, traceDuration } from './stored-trace.ts';

/** Traces per page of BatchGetTraces; the rest is reached through `NextToken`. */
export const TRACES_PER_PAGE = 10;

export interface XRayTrace {
  Id: string;
  /** Seconds from the earliest start to the latest end of any segment. */
  Duration: number;
  LimitExceeded: boolean;
  Segments: { Id: string; Document: string }[];
}

export interface BatchGetTracesOutput {
  Traces: XRayTrace[];
  UnprocessedTraceIds: string[];
  NextToken?: string;
}

/**
 * BatchGetTraces (`POST /Traces`): each trace's segments as X-Ray returns them — independent
 * subsegments merged into their parent's document, inferred segments added, `Document` a JSON
 * string. Unknown or malformed IDs are listed in `UnprocessedTraceIds`, on every page.
 */
export function batchGetTraces(store: TraceStore, tokens: PageTokens, maxTraceBytes: number) {
  return async (input: Record<string, unknown>): Promise<BatchGetTracesOutput> => {
    const requested = [...new Set(requiredStringArray(input, 'TraceIds'))];
    const scope = 'Traces:' + createHash('sha256').update(requested.join(',')).digest('base64url');
    const token = optionalString(input, 'NextToken');
    const offset = token === undefined ? 0 : tokens.read<{ offset: number }>(scope, token).offset;

    const valid = requested.filter((id) => isValidTraceId(id));
    const found = await store.getTraceDocuments(valid);
    const available = valid.filter((id) => found.has(id));
    const unprocessed = requested.filter((id) => !found.has(id));

    const page = available.slice(offset, offset + TRACES_PER_PAGE);
    const traces = page.map((id) => compileTrace(id, found.get(id) ?? [], maxTraceBytes));
    const next = offset + TRACES_PER_PAGE < available.length ? offset + TRACES_PER_PAGE : undefined;
    return {
      Traces: traces,
      UnprocessedTraceIds: unprocessed,
      ...(next === undefined ? {} : { NextToken: tokens.issue(scope, { offset: next }) }),
    };
  };
}

function compileTrace(traceId: string, records: readonly DocumentRecord[], maxTraceBytes: number): XRayTrace {
  const trace = compileStoredTrace(records);
  const { assembled } = trace;
  const segments: XRayTrace['Segments'] = [];
  let bytes = 0;
  let limitExceeded = false;
  for (const entity of [...assembled.segments, ...assembled.orphans, ...inferSegments(assembled)]) {
    const document = trace.textOf(entity) ?? JSON.stringify(entity);
    bytes += document.length;
    if (bytes > maxTraceBytes) {
      limitExceeded = true;
      break;
    }
    segments.push({ Id: entity.id, Document: document });
  }
  return { Id: traceId, Duration: traceDuration(records), LimitExceeded: limitExceeded, Segments: segments };
}
