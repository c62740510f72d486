/** The trace view's state: `/console/trace/ID?segment=SEGMENT_ID` (the segment whose details are open). */
import { CONSOLE_BASE, hrefFor } from '../../routing/navigation.ts';

export const TRACE_PATH_PREFIX = `${CONSOLE_BASE}/trace/`;

export interface TraceView {
  readonly id: string;
  readonly segment: string | undefined;
}

export function readTraceView(path: string, params: URLSearchParams): TraceView {
  return { id: decodeURIComponent(path.slice(TRACE_PATH_PREFIX.length)), segment: params.get('segment') ?? undefined };
}

export function traceHref(view: { id: string; segment?: string | undefined }): string {
  return hrefFor(`${TRACE_PATH_PREFIX}${encodeURIComponent(view.id)}`, { segment: view.segment });
}
