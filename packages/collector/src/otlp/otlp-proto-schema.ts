/**
 * The OTLP trace messages (opentelemetry-proto `collector/trace/v1` and `trace/v1`), built in code with
 * protobufjs reflection: only the fields Roentgen reads or answers with. Field numbers are the
 * protocol's; unknown fields in a request are skipped by the decoder, which is what proto3 wants.
 * Field names are the OTLP/JSON (lowerCamelCase) names, so that `toObject` of a decoded request has
 * the shape of a JSON request and one reader serves both encodings.
 */
import protobuf from 'protobufjs';

type FieldSpec = readonly [name: string, id: number, type: string, rule?: 'repeated'];

function message(name: string, fields: readonly FieldSpec[], oneofs: Record<string, string[]> = {}): protobuf.Type {
  const type = new protobuf.Type(name);
  for (const [fieldName, id, fieldType, rule] of fields) type.add(new protobuf.Field(fieldName, id, fieldType, rule));
  for (const [oneofName, members] of Object.entries(oneofs)) type.add(new protobuf.OneOf(oneofName, members));
  return type;
}

const root = new protobuf.Root();
root.add(
  message(
    'AnyValue',
    [
      ['stringValue', 1, 'string'],
      ['boolValue', 2, 'bool'],
      ['intValue', 3, 'int64'],
      ['doubleValue', 4, 'double'],
      ['arrayValue', 5, 'ArrayValue'],
      ['kvlistValue', 6, 'KeyValueList'],
      ['bytesValue', 7, 'bytes'],
    ],
    { value: ['stringValue', 'boolValue', 'intValue', 'doubleValue', 'arrayValue', 'kvlistValue', 'bytesValue'] },
  ),
);
root.add(message('ArrayValue', [['values', 1, 'AnyValue', 'repeated']]));
root.add(message('KeyValueList', [['values', 1, 'KeyValue', 'repeated']]));
root.add(
  message('KeyValue', [
    ['key', 1, 'string'],
    ['value', 2, 'AnyValue'],
  ]),
);
root.add(
  message('Resource', [
    ['attributes', 1, 'KeyValue', 'repeated'],
    ['droppedAttributesCount', 2, 'uint32'],
  ]),
);
root.add(
  message('InstrumentationScope', [
    ['name', 1, 'string'],
    ['version', 2, 'string'],
    ['attributes', 3, 'KeyValue', 'repeated'],
  ]),
);
root.add(
  message('Status', [
    ['message', 2, 'string'],
    ['code', 3, 'int32'],
  ]),
);
root.add(
  message('Event', [
    ['timeUnixNano', 1, 'fixed64'],
    ['name', 2, 'string'],
    ['attributes', 3, 'KeyValue', 'repeated'],
  ]),
);
root.add(
  message('Link', [
    ['traceId', 1, 'bytes'],
    ['spanId', 2, 'bytes'],
    ['traceState', 3, 'string'],
    ['attributes', 4, 'KeyValue', 'repeated'],
  ]),
);
root.add(
  message('Span', [
    ['traceId', 1, 'bytes'],
    ['spanId', 2, 'bytes'],
    ['traceState', 3, 'string'],
    ['parentSpanId', 4, 'bytes'],
    ['name', 5, 'string'],
    ['kind', 6, 'int32'],
    ['startTimeUnixNano', 7, 'fixed64'],
    ['endTimeUnixNano', 8, 'fixed64'],
    ['attributes', 9, 'KeyValue', 'repeated'],
    ['events', 11, 'Event', 'repeated'],
    ['links', 13, 'Link', 'repeated'],
    ['status', 15, 'Status'],
    ['flags', 16, 'fixed32'],
  ]),
);
root.add(
  message('ScopeSpans', [
    ['scope', 1, 'InstrumentationScope'],
    ['spans', 2, 'Span', 'repeated'],
    ['schemaUrl', 3, 'string'],
  ]),
);
root.add(
  message('ResourceSpans', [
    ['resource', 1, 'Resource'],
    ['scopeSpans', 2, 'ScopeSpans', 'repeated'],
    ['schemaUrl', 3, 'string'],
  ]),
);
root.add(message('ExportTraceServiceRequest', [['resourceSpans', 1, 'ResourceSpans', 'repeated']]));
root.add(
  message('ExportTracePartialSuccess', [
    ['rejectedSpans', 1, 'int64'],
    ['errorMessage', 2, 'string'],
  ]),
);
root.add(message('ExportTraceServiceResponse', [['partialSuccess', 1, 'ExportTracePartialSuccess']]));
// google.rpc.Status, the body of OTLP/HTTP error responses; `details` (Any) is never sent.
root.add(
  message('RpcStatus', [
    ['code', 1, 'int32'],
    ['message', 2, 'string'],
  ]),
);
root.resolveAll();

/** `opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest`. */
export const ExportTraceServiceRequest = root.lookupType('ExportTraceServiceRequest');
/** `ExportTraceServiceResponse`, with `partial_success` when spans were rejected. */
export const ExportTraceServiceResponse = root.lookupType('ExportTraceServiceResponse');
/** `google.rpc.Status` (code and message only). */
export const RpcStatus = root.lookupType('RpcStatus');
