/**
 * Opt-in global capture of `fetch`: replaces `globalThis.fetch` with a traced wrapper around the
 * current one. Kept in `patch/` with the other global capture; undo restores the original.
 */
import { tracedFetch } from '../outgoing/traced-fetch.ts';
import type { Tracer } from '../tracer.ts';

/** Traces every `fetch` call made while a segment is current. Returns a function that restores the original. */
export function captureFetchGlobal(tracer: Tracer): () => void {
  const original = globalThis.fetch;
  const traced = tracedFetch(tracer, original);
  globalThis.fetch = traced;
  return () => {
    // Restore only if nobody replaced fetch after us; otherwise we would drop their wrapper.
    if (globalThis.fetch === traced) globalThis.fetch = original;
  };
}
