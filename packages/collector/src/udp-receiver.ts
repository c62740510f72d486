/**
 * The UDP listener for X-Ray daemon-protocol datagrams. Datagrams are queued as they arrive and
 * decoded in micro-batches on the next turn of the event loop, so a burst costs one `submit` per
 * batch instead of one per datagram. UDP has no acknowledgement: what cannot be decoded or buffered
 * is dropped and counted, never thrown.
 */
import { createSocket } from 'node:dgram';
import type { Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import type { MetricsRegistry } from '@roentgen/metrics';
import type { DocumentRecord } from '@roentgen/storage';
import { decodeDaemonDatagram } from './daemon-datagram.ts';
import { toDocumentRecord } from './document-record.ts';
import type { IngestLogger, IngestPipeline } from './ingest-pipeline.ts';
import { udpMetricsFor } from './ingest-metrics.ts';

export interface UdpReceiverOptions {
  /** Interface to bind, e.g. `127.0.0.1` or `0.0.0.0`; an IPv6 literal binds a `udp6` socket. */
  readonly host: string;
  /** Port to bind; 0 lets the OS choose (tests). */
  readonly port: number;
  readonly pipeline: IngestPipeline;
  readonly metrics: MetricsRegistry;
  /** Default: `console`. */
  readonly logger?: IngestLogger;
}

/** A bound receiver. `close` stops reading, submits what was already read, and is idempotent. */
export interface UdpReceiver {
  readonly address: { readonly host: string; readonly port: number };
  close(): Promise<void>;
}

/**
 * Receive buffer sizes tried in turn, bytes. At 50,000 datagrams/s of ~1 KiB, 16 MiB rides out a
 * 300 ms stall of the event loop; Linux caps the request at `net.core.rmem_max` silently, and other
 * systems refuse large sizes, hence the fallbacks.
 */
const RECEIVE_BUFFER_SIZES = [32 * 1024 * 1024, 16 * 1024 * 1024, 4 * 1024 * 1024, 1024 * 1024];
/** Below this (bytes, as the kernel reports it) the operator is told how to raise the cap. */
const MIN_COMFORTABLE_BUFFER = 4 * 1024 * 1024;
/** Datagrams decoded per micro-batch before the loop yields to I/O again. */
const MICRO_BATCH_DATAGRAMS = 512;

/** Binds the socket and starts receiving. Rejects with a clear message when the address is taken. */
export async function startUdpReceiver(options: UdpReceiverOptions): Promise<UdpReceiver> {
  const { host, port, pipeline } = options;
  const logger = options.logger ?? console;
  const metrics = udpMetricsFor(options.metrics);
  const socket = createSocket({ type: isIPv6(host) ? 'udp6' : 'udp4' });

  await bind(socket, host, port);
  metrics.receiveBufferBytes.set(enlargeReceiveBuffer(socket, logger));

  let queue: Buffer[] = [];
  let scheduled = false;
  const drainQueue = (): void => {
    scheduled = false;
    const datagrams = queue;
    queue = [];
    for (let start = 0; start < datagrams.length; start += MICRO_BATCH_DATAGRAMS) {
      submitDatagrams(datagrams.slice(start, start + MICRO_BATCH_DATAGRAMS), pipeline);
    }
  };
  socket.on('message', (datagram) => {
    metrics.datagrams.inc();
    queue.push(datagram);
    if (!scheduled) {
      scheduled = true;
      setImmediate(drainQueue);
    }
  });
  // After a successful bind, socket errors are transient (e.g. ICMP feedback); log, keep listening.
  socket.on('error', (error) => logger.warn(`udp: socket error: ${error.message}`));

  const bound = socket.address();
  let closed: Promise<void> | undefined;
  return {
    address: { host: bound.address, port: bound.port },
    close() {
      closed ??= new Promise<void>((resolve) => {
        socket.close(() => {
          drainQueue();
          resolve();
        });
      });
      return closed;
    },
  };
}

/** Decodes a micro-batch and submits its good documents in one call. Never throws. */
export function submitDatagrams(datagrams: readonly Uint8Array[], pipeline: IngestPipeline): void {
  const receivedAt = Date.now() / 1000;
  const records: DocumentRecord[] = [];
  for (const datagram of datagrams) {
    try {
      const decoded = decodeDaemonDatagram(datagram);
      if (!decoded.ok) {
        pipeline.countRejection('udp', decoded.reason);
        continue;
      }
      for (const document of decoded.documents) records.push(toDocumentRecord(document, receivedAt));
    } catch {
      // The decoder promises not to throw; this keeps one bad datagram from losing its neighbours if it does.
      pipeline.countRejection('udp', 'internal_error');
    }
  }
  if (records.length > 0) pipeline.submit(records, 'udp');
}

function bind(socket: Socket, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      socket.close();
      reject(bindError(error, host, port));
    };
    socket.once('error', onError);
    socket.bind({ address: host, port, exclusive: true }, () => {
      socket.off('error', onError);
      resolve();
    });
  });
}

function bindError(error: NodeJS.ErrnoException, host: string, port: number): Error {
  const address = isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
  if (error.code === 'EADDRINUSE') {
    return new Error(
      `UDP address ${address} is already in use (another Roentgen or an X-Ray daemon?); ` +
        `stop it or choose another address with --udp`,
      { cause: error },
    );
  }
  return new Error(`cannot listen for UDP on ${address}: ${error.message} (set the address with --udp)`, {
    cause: error,
  });
}

/** Asks for the largest receive buffer the system grants; returns the size in effect, bytes. */
function enlargeReceiveBuffer(socket: Socket, logger: IngestLogger): number {
  for (const size of RECEIVE_BUFFER_SIZES) {
    try {
      socket.setRecvBufferSize(size);
      break;
    } catch {
      // Refused: try the next, smaller size.
    }
  }
  const granted = socket.getRecvBufferSize();
  if (granted < MIN_COMFORTABLE_BUFFER) {
    logger.warn(
      `udp: the kernel granted a ${granted}-byte receive buffer; bursts may be lost ` +
        `(on Linux raise net.core.rmem_max to ${RECEIVE_BUFFER_SIZES[0]})`,
    );
  }
  return granted;
}
