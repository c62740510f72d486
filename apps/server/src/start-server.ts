import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PageTokens, startHttpServer } from '@roentgen/api';
import { IngestPipeline, startUdpReceiver } from '@roentgen/collector';
import { MetricsRegistry } from '@roentgen/metrics';
import { startSummarizerThread } from '@roentgen/query';
import type { TraceStore } from '@roentgen/storage';
import { connectionTo } from '@roentgen/storage';
import { splitDuckDbTraceStore } from '@roentgen/storage-duckdb';
import { buildRoutes } from './routes.ts';
import { formatHostPort, type HostPort, type ServerConfig } from './server-config.ts';

/** A running Roentgen server, as `startServer` hands it back. */
export interface RunningServer {
  /** The bound HTTP address (the port is the real one when 0 was asked for). */
  readonly httpAddress: HostPort;
  readonly udpAddress: HostPort;
  readonly store: TraceStore;
  readonly metrics: MetricsRegistry;
  /** Stops accepting, flushes everything buffered into the store, closes it. Idempotent. */
  stop(): Promise<void>;
}

/** The file of the embedded store inside the data directory: documents and configuration. */
export const EMBEDDED_STORE_FILE = 'roentgen.duckdb';
/** The embedded store's file of summaries and graph statistics, derived from the documents (ADR 0011). */
export const EMBEDDED_DERIVED_FILE = 'roentgen-derived.duckdb';

/**
 * The composition root: opens the store, then the ingest pipeline, the UDP receiver and the one HTTP
 * port, in that order, so that `/health` answers 200 only when everything is ready. `store` may be
 * given (tests pass another adapter); otherwise the embedded DuckDB store in `config.dataDir`.
 */
export interface StartServerOptions {
  /** Another store adapter (tests); default the embedded DuckDB store in `config.dataDir`. */
  readonly store?: TraceStore;
  /**
   * What is kept current as documents arrive. Default `'summaries-and-graph'`; benchmarks choose less
   * to measure what each part costs the ingest path. With `'nothing'` only BatchGetTraces finds
   * anything; with `'graph-only'` the map works and trace search finds nothing.
   */
  readonly derive?: 'summaries-and-graph' | 'graph-only' | 'nothing';
}

export async function startServer(config: ServerConfig, options: StartServerOptions = {}): Promise<RunningServer> {
  mkdirSync(config.dataDir, { recursive: true });
  // The embedded store runs in threads of its own, beside the event loop that ingests: one writes
  // documents, the other summaries and graph statistics (docs/adr/0010, 0011).
  const store =
    options.store ??
    splitDuckDbTraceStore({
      path: join(config.dataDir, EMBEDDED_STORE_FILE),
      derivedPath: join(config.dataDir, EMBEDDED_DERIVED_FILE),
      logger: { warn: config.log },
    });
  await openStore(store, config.dataDir);
  const metrics = new MetricsRegistry();
  const logger = { warn: config.log };
  const pipeline = new IngestPipeline({ store, metrics, logger, maxBufferedDocuments: config.maxBufferedDocuments });
  // Summaries and graph statistics are kept current by a thread of their own, which writes them to
  // the store through its own connection; this thread only hands over committed batches (docs/adr/0010).
  const derive = options.derive ?? 'summaries-and-graph';
  const summarizer =
    derive === 'nothing'
      ? undefined
      : startSummarizerThread({ storeConnection: connectionTo(store), logger, graphOnly: derive === 'graph-only' });
  summarizer?.attach(pipeline);
  metrics
    .gauge('roentgen_traces_unsummarized', 'Traces left unsummarized because documents outran derivation.')
    .collectFrom(() => summarizer?.shedTraces ?? 0);
  const cleanups: (() => Promise<void>)[] = [
    () => pipeline.drain(),
    () => summarizer?.close() ?? Promise.resolve(),
    () => store.close(),
  ];
  try {
    const udp = await startUdpReceiver({
      host: config.udp.host,
      port: config.udp.port,
      pipeline,
      metrics,
      logger,
    });
    cleanups.unshift(() => udp.close());
    let ready = false;
    const routes = buildRoutes({
      store,
      pipeline,
      metrics,
      tokens: new PageTokens(),
      isReady: () => ready,
      consoleBuildDir: fileURLToPath(new URL('../../console/build', import.meta.url)),
    });
    const http = await startHttpServer({
      host: config.listen.host,
      port: config.listen.port,
      routes,
      metrics,
      maxBodyBytes: config.maxBodyBytes,
      log: config.log,
    });
    cleanups.unshift(() => http.close());
    ready = true;
    config.log(
      `roentgen listening on http://${formatHostPort(http.address)} and udp://${formatHostPort(udp.address)}, data in ${config.dataDir}`,
    );
    let stopping: Promise<void> | undefined;
    return {
      httpAddress: http.address,
      udpAddress: udp.address,
      store,
      metrics,
      stop: () => (stopping ??= runInOrder(cleanups)),
    };
  } catch (error) {
    await runInOrder(cleanups);
    throw error;
  }
}

async function openStore(store: TraceStore, dataDir: string): Promise<void> {
  try {
    await store.open();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/lock/i.test(message)) {
      throw new Error(
        `the data directory ${dataDir} is in use by another Roentgen process; stop it or choose another with --data DIR (${message})`,
      );
    }
    throw error;
  }
}

/** Runs every cleanup even when one fails, then reports the first failure. */
async function runInOrder(steps: readonly (() => Promise<void>)[]): Promise<void> {
  let failure: unknown;
  for (const step of steps) {
    try {
      await step();
    } catch (error) {
      failure ??= error;
    }
  }
  if (failure !== undefined)
    throw failure instanceof Error ? failure : new Error(`stopping failed: ${JSON.stringify(failure)}`);
}
