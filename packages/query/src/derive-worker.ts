/**
 * The worker thread of `workerTraceDeriver`: holds the recently active traces and answers each batch
 * of updates with its summaries and graph change. A failing batch answers with the error's message,
 * so the assembler can log it and go on.
 */
import { parentPort } from 'node:worker_threads';
import type { TraceUpdate } from './trace-derivation-state.ts';
import { TraceDerivationState } from './trace-derivation-state.ts';

interface Request {
  readonly id: number;
  readonly updates: readonly TraceUpdate[];
  readonly forget: readonly string[];
  readonly revertLast: boolean;
}

const state = new TraceDerivationState();

parentPort?.on('message', (request: Request) => {
  try {
    parentPort?.postMessage({
      id: request.id,
      batch: state.apply(request.updates, request.forget, request.revertLast),
    });
  } catch (error) {
    parentPort?.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) });
  }
});
