/**
 * The collector's metrics, registered once per registry. The registry refuses a name twice, and a
 * server may build a second pipeline or restart its UDP receiver on the same registry, so the
 * handles are remembered per registry instead of registered per instance.
 */
import type { Counter, Gauge, Histogram, MetricsRegistry } from '@roentgen/metrics';

/** Upper bounds of the store-write latency buckets, seconds. */
const STORE_WRITE_BOUNDS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Handles on the pipeline's metrics; labels are `protocol` and, where counted, `reason`. */
export interface IngestMetrics {
  readonly received: Counter;
  readonly accepted: Counter;
  readonly rejected: Counter;
  readonly dropped: Counter;
  readonly bufferDepth: Gauge;
  readonly storeWriteSeconds: Histogram;
  readonly storeWriteFailures: Counter;
}

/** Handles on the UDP receiver's socket-level metrics. */
export interface UdpMetrics {
  readonly datagrams: Counter;
  readonly receiveBufferBytes: Gauge;
}

const ingestByRegistry = new WeakMap<MetricsRegistry, IngestMetrics>();
const udpByRegistry = new WeakMap<MetricsRegistry, UdpMetrics>();

/** The pipeline's metrics in `registry`, registering them on first use. */
export function ingestMetricsFor(registry: MetricsRegistry): IngestMetrics {
  let metrics = ingestByRegistry.get(registry);
  if (!metrics) {
    metrics = {
      received: registry.counter(
        'roentgen_documents_received_total',
        'Segment documents (or OTLP spans) that arrived, good or bad, by protocol.',
      ),
      accepted: registry.counter(
        'roentgen_documents_accepted_total',
        'Documents taken into the ingest buffer, by protocol.',
      ),
      rejected: registry.counter(
        'roentgen_documents_rejected_total',
        'Documents refused because they were malformed, by protocol and reason.',
      ),
      dropped: registry.counter(
        'roentgen_documents_dropped_total',
        'Valid documents lost: buffer full on arrival, or the store write failed; by protocol and reason.',
      ),
      bufferDepth: registry.gauge('roentgen_buffer_depth', 'Documents accepted but not yet committed to the store.'),
      storeWriteSeconds: registry.histogram(
        'roentgen_store_write_seconds',
        'Time one batched appendDocuments call took, seconds.',
        STORE_WRITE_BOUNDS,
      ),
      storeWriteFailures: registry.counter(
        'roentgen_store_write_failures_total',
        'Batched appendDocuments calls that failed.',
      ),
    };
    ingestByRegistry.set(registry, metrics);
  }
  return metrics;
}

/** The UDP receiver's metrics in `registry`, registering them on first use. */
export function udpMetricsFor(registry: MetricsRegistry): UdpMetrics {
  let metrics = udpByRegistry.get(registry);
  if (!metrics) {
    metrics = {
      datagrams: registry.counter('roentgen_udp_datagrams_total', 'Datagrams read from the UDP socket.'),
      receiveBufferBytes: registry.gauge(
        'roentgen_udp_receive_buffer_bytes',
        'Socket receive buffer the kernel granted, bytes.',
      ),
    };
    udpByRegistry.set(registry, metrics);
  }
  return metrics;
}
