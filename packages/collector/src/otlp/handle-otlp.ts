/**
 * `POST /v1/traces` as the OTLP/HTTP specification answers it: 200 with an
 * `ExportTraceServiceResponse` (with `partialSuccess` when spans were rejected) once the accepted
 * spans are committed; 400 with a `google.rpc.Status` for a body that cannot be decoded; 415 for an
 * encoding other than JSON or protobuf; 503, which exporters retry, when the buffer is full or the
 * store failed. Bodies are written in the request's encoding.
 */
import type { DocumentRecord } from '@roentgen/storage';
import { toDocumentRecord } from '../document-record.ts';
import type { IngestPipeline } from '../ingest-pipeline.ts';
import { decodeOtlpJson, decodeOtlpProtobuf } from './decode-otlp.ts';
import { mapSpans } from './map-spans.ts';
import type { SpanMapping } from './map-spans.ts';
import { ExportTraceServiceResponse, RpcStatus } from './otlp-proto-schema.ts';

/** An HTTP answer for the server to write as is. */
export interface OtlpHttpResponse {
  readonly status: number;
  readonly contentType: string;
  readonly body: Uint8Array | string;
}

type Encoding = 'json' | 'protobuf';

const JSON_TYPE = 'application/json';
const PROTOBUF_TYPE = 'application/x-protobuf';
// google.rpc.Code values used in error bodies.
const INVALID_ARGUMENT = 3;
const UNAVAILABLE = 14;

/**
 * Handles one request body (already de-compressed) with its `Content-Type` header. Resolves only
 * after the accepted spans are durable; never rejects.
 */
export async function handleOtlpTraces(
  body: Uint8Array,
  contentType: string | undefined,
  pipeline: IngestPipeline,
): Promise<OtlpHttpResponse> {
  const encoding = encodingOf(contentType);
  if (encoding === undefined) {
    const message = `unsupported content type ${JSON.stringify(contentType ?? '')}; send ${JSON_TYPE} or ${PROTOBUF_TYPE}`;
    return { status: 415, contentType: JSON_TYPE, body: JSON.stringify({ code: INVALID_ARGUMENT, message }) };
  }
  const decoded = encoding === 'json' ? decodeOtlpJson(body) : decodeOtlpProtobuf(body);
  if (!decoded.ok) {
    pipeline.countRejection('otlp', 'undecodable');
    return errorResponse(400, INVALID_ARGUMENT, decoded.message, encoding);
  }

  const mapping = mapSpans(decoded.resources);
  for (const { reason, count } of mapping.rejections) pipeline.countRejection('otlp', reason, count);
  const now = Date.now() / 1000;
  const records: DocumentRecord[] = mapping.documents.map((document) => toDocumentRecord(document, now));
  const { accepted, durable } = pipeline.submit(records, 'otlp', { allOrNothing: true });
  if (accepted < records.length) {
    return errorResponse(503, UNAVAILABLE, 'the ingest buffer is full; retry later', encoding);
  }
  try {
    await durable;
  } catch {
    return errorResponse(503, UNAVAILABLE, 'the store could not commit the spans; retry later', encoding);
  }
  return successResponse(mapping, encoding);
}

/** The encoding of a `Content-Type` value, ignoring parameters and case; `undefined` if unsupported. */
function encodingOf(contentType: string | undefined): Encoding | undefined {
  const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (mediaType === JSON_TYPE) return 'json';
  if (mediaType === PROTOBUF_TYPE || mediaType === 'application/protobuf') return 'protobuf';
  return undefined;
}

function successResponse(mapping: SpanMapping, encoding: Encoding): OtlpHttpResponse {
  const partialSuccess =
    mapping.rejectedSpans === 0
      ? undefined
      : {
          rejectedSpans: mapping.rejectedSpans,
          errorMessage: mapping.rejections.map((r) => `${r.count} span(s) ${r.reason}: ${r.message}`).join('; '),
        };
  if (encoding === 'json') {
    return { status: 200, contentType: JSON_TYPE, body: JSON.stringify(partialSuccess ? { partialSuccess } : {}) };
  }
  const message = ExportTraceServiceResponse.create(partialSuccess ? { partialSuccess } : {});
  return { status: 200, contentType: PROTOBUF_TYPE, body: ExportTraceServiceResponse.encode(message).finish() };
}

function errorResponse(status: number, code: number, message: string, encoding: Encoding): OtlpHttpResponse {
  if (encoding === 'json') return { status, contentType: JSON_TYPE, body: JSON.stringify({ code, message }) };
  return { status, contentType: PROTOBUF_TYPE, body: RpcStatus.encode(RpcStatus.create({ code, message })).finish() };
}
