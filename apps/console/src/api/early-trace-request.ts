/**
 * Starts the trace page's timeline request (GetTraceTimeline) while the console is still starting.
 * Imported first by `main.tsx` so that it runs before React and the pages are even evaluated: a
 * large trace takes the server a few hundred milliseconds to read, and that wait is better spent
 * while the browser boots the app and renders its first frame than after. `useTraceTimeline` takes
 * the answer.
 */
import { callXRay } from './xray-client.ts';
import type { TraceTimelineOutput } from './timeline-types.ts';
import { readTraceView, TRACE_PATH_PREFIX } from '../pages/trace/url.ts';

let early: { readonly id: string; readonly answer: Promise<TraceTimelineOutput> } | undefined;

/**
 * The early answer for trace `id`, handed out once: a later read of the same trace (a refresh, a
 * retry after an error, a visit after the cache let it go) asks the server again.
 */
export function takeEarlyTimeline(id: string): Promise<TraceTimelineOutput> | undefined {
  if (early?.id !== id) return undefined;
  const { answer } = early;
  early = undefined;
  return answer;
}

function startEarlyTraceRequest(): void {
  if (typeof window === 'undefined') return; // Imported by a test outside a browser.
  const { pathname, search } = window.location;
  if (!pathname.startsWith(TRACE_PATH_PREFIX) || pathname.length === TRACE_PATH_PREFIX.length) return;
  let id: string;
  try {
    id = readTraceView(pathname, new URLSearchParams(search)).id;
  } catch {
    return; // A malformed address: the page itself says so when it renders.
  }
  const answer = callXRay<TraceTimelineOutput>('/TraceTimeline', { TraceId: id });
  // Nobody may await it (the page can be left first); an unawaited rejection must not be reported.
  answer.catch(() => undefined);
  early = { id, answer };
}

startEarlyTraceRequest();
