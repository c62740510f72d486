/**
 * The worker thread of `workerTraceDeriver`: receives batches of derivation jobs, answers with their
 * results. A failing batch answers with the error's message, so the assembler can log it and go on.
 */
import { parentPort } from 'node:worker_threads';
import { deriveJob, type DerivationJob } from './trace-deriver.ts';

interface Request {
  readonly id: number;
  readonly jobs: readonly DerivationJob[];
}

parentPort?.on('message', (request: Request) => {
  try {
    parentPort?.postMessage({ id: request.id, results: request.jobs.map(deriveJob) });
  } catch (error) {
    parentPort?.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) });
  }
});
