/**
 * `@roentgen/collector`: the ingest pipeline. Decoders for the three ways documents arrive (X-Ray
 * daemon UDP datagrams, `PutTraceSegments`, OTLP/HTTP) validate at the edge and hand records to one
 * bounded, batching pipeline that writes them to the store.
 */
export { IngestPipeline } from './ingest-pipeline.ts';
export type { IngestLogger, IngestPipelineOptions, IngestProtocol, SubmitResult } from './ingest-pipeline.ts';
export { toDocumentRecord } from './document-record.ts';
export { decodeDaemonDatagram } from './daemon-datagram.ts';
export type { DatagramDecode, DatagramRejection } from './daemon-datagram.ts';
export { startUdpReceiver, submitDatagrams } from './udp-receiver.ts';
export type { UdpReceiver, UdpReceiverOptions } from './udp-receiver.ts';
export { RequestValidationError, handlePutTraceSegments } from './put-trace-segments.ts';
export type { PutTraceSegmentsResult, UnprocessedTraceSegment } from './put-trace-segments.ts';
export { handleOtlpTraces } from './otlp/handle-otlp.ts';
export type { OtlpHttpResponse } from './otlp/handle-otlp.ts';
