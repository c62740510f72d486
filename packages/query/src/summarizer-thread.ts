/**
 * The summarizer's worker thread: a `TraceAssembler` with its deriver in this same thread, fed the
 * committed document batches the ingest thread forwards, writing summaries and graph statistics
 * through its own connection to the store (docs/adr/0010). The ingest thread does nothing more for
 * summaries than hand each committed batch over.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { connectedTraceStore, unpackDocumentBatch } from '@roentgen/storage';
import type { SummarizerReply, SummarizerRequest, SummarizerStart } from './summarizer-protocol.ts';
import { TraceAssembler } from './trace-assembler.ts';
import { inlineTraceDeriver } from './trace-deriver.ts';
import { deriveGraphJob } from './derive-job.ts';

const port = parentPort;
if (!port) throw new Error('summarizer-thread.ts runs in a worker thread');
const send = (reply: SummarizerReply): void => port.postMessage(reply);
const logger = { warn: (message: string) => send({ kind: 'warning', message }) };
const { storeConnection, graphOnly, ...tuning } = workerData as SummarizerStart;
const store = connectedTraceStore(storeConnection, 'the store (from the summarizer)', logger);
const assembler = new TraceAssembler({
  store,
  logger,
  deriver: inlineTraceDeriver(graphOnly === true ? deriveGraphJob : undefined),
  ...tuning,
});
let shedReported = 0;

port.on('message', (request: SummarizerRequest) => {
  if (request.kind === 'documents') {
    assembler.accept(unpackDocumentBatch(request.batch));
    if (assembler.shedTraces !== shedReported) {
      shedReported = assembler.shedTraces;
      send({ kind: 'shed', traces: shedReported });
    }
    return;
  }
  const finished = request.kind === 'close' ? assembler.close().then(() => store.close()) : assembler.flush();
  finished.then(
    () => send({ kind: 'done', id: request.id }),
    (error: unknown) =>
      send({ kind: 'done', id: request.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
