/**
 * One OTel span → the fields of one X-Ray segment or subsegment. Where the entity goes in the trace
 * (segment, embedded or independent subsegment) is `map-spans.ts`' decision; this file fills it in.
 */
import { MAX_NAME_LENGTH } from '@roentgen/model';
import type { Metadata, Segment, Subsegment } from '@roentgen/model';
import type { OtlpSpan } from './decode-otlp.ts';
import {
  annotationsAndMetadata,
  attributeMap,
  awsFromAttributes,
  httpFromAttributes,
  sqlFromAttributes,
  stringAttribute,
} from './span-attributes.ts';
import type { AttributeMap } from './span-attributes.ts';
import { causeFromEvents } from './span-exceptions.ts';

/** OTLP `SpanKind` numbers. */
export const SpanKind = { internal: 1, server: 2, client: 3, producer: 4, consumer: 5 } as const;

const STATUS_ERROR = 2;
const KIND_NAMES = ['UNSPECIFIED', 'INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER'];

/** What every span of one `ResourceSpans` shares. */
export interface ResourceContext {
  /** `service.name`, cut to a valid segment name. */
  readonly serviceName: string;
  readonly serviceVersion: string | undefined;
  readonly origin: string | undefined;
  /** Resource attributes as plain JSON, for `metadata["otel.resource"]` of segments. */
  readonly attributes: Record<string, unknown>;
}

/** A segment for a span that starts work in a service (server, consumer, or root). */
export function segmentFromSpan(span: OtlpSpan, traceId: string, resource: ResourceContext): Segment {
  const segment: Segment = { ...commonFields(span, resource), trace_id: traceId, name: resource.serviceName };
  if (span.parentSpanId !== '') segment.parent_id = span.parentSpanId;
  if (resource.origin !== undefined) segment.origin = resource.origin;
  if (resource.serviceVersion !== undefined) segment.service = { version: resource.serviceVersion };
  const user = stringAttribute(attributeMap(span.attributes), 'enduser.id');
  if (user !== undefined) segment.user = user;
  segment.metadata = { ...segment.metadata, 'otel.resource': resource.attributes };
  return segment;
}

/** A subsegment for any other span; the caller adds `type`, `trace_id`, `parent_id` when independent. */
export function subsegmentFromSpan(span: OtlpSpan, resource: ResourceContext): Subsegment {
  const map = attributeMap(span.attributes);
  const subsegment: Subsegment = { ...commonFields(span, resource), name: segmentName(span.name || 'span') };
  const aws = awsFromAttributes(map);
  if (aws !== undefined) {
    subsegment.namespace = 'aws';
    subsegment.aws = aws;
    subsegment.name = segmentName(stringAttribute(map, 'rpc.service') ?? subsegment.name);
  } else if (span.kind === SpanKind.client || span.kind === SpanKind.producer) {
    subsegment.namespace = 'remote';
    subsegment.name = segmentName(stringAttribute(map, 'server.address', 'net.peer.name') ?? subsegment.name);
  }
  const sql = sqlFromAttributes(map);
  if (sql !== undefined) subsegment.sql = sql;
  return subsegment;
}

function commonFields(span: OtlpSpan, resource: ResourceContext): Omit<Segment, 'trace_id'> {
  const map = attributeMap(span.attributes);
  const server = span.kind === SpanKind.server || span.kind === SpanKind.consumer;
  const fields: Omit<Segment, 'trace_id'> = {
    id: span.spanId,
    name: resource.serviceName,
    start_time: nanosToSeconds(span.startTimeUnixNano),
    end_time: nanosToSeconds(span.endTimeUnixNano),
  };
  const http = httpFromAttributes(map, server);
  if (http !== undefined) fields.http = http;
  Object.assign(fields, errorFlags(span, map));
  const cause = causeFromEvents(span.spanId, span.events);
  if (cause !== undefined) fields.cause = cause;
  const { annotations, metadata } = annotationsAndMetadata(span.attributes);
  if (annotations !== undefined) fields.annotations = annotations;
  const spanInfo = { name: span.name, kind: KIND_NAMES[span.kind] ?? String(span.kind), scope: span.scopeName };
  const allMetadata: Metadata = { 'otel.span': spanInfo };
  if (metadata !== undefined) allMetadata.default = metadata;
  fields.metadata = allMetadata;
  return fields;
}

/**
 * X-Ray's flags from the span status and HTTP status (reference §2.6): an error status is a fault
 * unless the HTTP status says the client erred; 4xx is an error and 429 also a throttle, 5xx a fault.
 */
function errorFlags(span: OtlpSpan, map: AttributeMap): { fault?: true; error?: true; throttle?: true } {
  const status = map.get('http.response.status_code') ?? map.get('http.status_code');
  const code = typeof status === 'number' ? status : Number(status);
  const clientError = code >= 400 && code < 500;
  const flags: { fault?: true; error?: true; throttle?: true } = {};
  if (code >= 500 || (span.statusCode === STATUS_ERROR && !clientError)) flags.fault = true;
  if (clientError) flags.error = true;
  if (code === 429) flags.throttle = true;
  return flags;
}

/** Nanoseconds → epoch seconds, splitting first so the fraction keeps its microseconds. */
export function nanosToSeconds(nanos: bigint): number {
  return Number(nanos / 1_000_000_000n) + Number(nanos % 1_000_000_000n) / 1e9;
}

/** A non-empty name of at most `MAX_NAME_LENGTH` code points. */
export function segmentName(name: string): string {
  const codePoints = [...name];
  if (codePoints.length === 0) return 'unknown_service';
  return codePoints.length > MAX_NAME_LENGTH ? codePoints.slice(0, MAX_NAME_LENGTH).join('') : name;
}

const ORIGINS: Record<string, string> = {
  aws_ec2: 'AWS::EC2::Instance',
  aws_ecs: 'AWS::ECS::Container',
  aws_eks: 'AWS::EKS::Container',
  aws_elastic_beanstalk: 'AWS::ElasticBeanstalk::Environment',
  aws_lambda: 'AWS::Lambda::Function',
  aws_app_runner: 'AWS::AppRunner::Service',
};

/** X-Ray `origin` from the resource's `cloud.platform`, as OTel's X-Ray exporter maps it. */
export function originFromPlatform(platform: string | undefined): string | undefined {
  return platform !== undefined && Object.hasOwn(ORIGINS, platform) ? ORIGINS[platform] : undefined;
}
