/**
 * OTel span attributes → the X-Ray fields that carry the same facts: `http`, `aws`, `sql`,
 * annotations and metadata. Both the old HTTP semantic conventions (`http.method`, `http.url`, …) and
 * the stable ones (`http.request.method`, `url.full`, …) are read, the stable ones first.
 */
import { MAX_ANNOTATIONS_PER_DOCUMENT } from '@roentgen/model';
import type { Annotations, AwsData, Http, Sql } from '@roentgen/model';
import type { OtlpAttributes, OtlpValue } from './decode-otlp.ts';

/** Attributes by key; a repeated key keeps its last value. */
export type AttributeMap = ReadonlyMap<string, OtlpValue>;

/** Indexes attributes by key. */
export function attributeMap(attributes: OtlpAttributes): AttributeMap {
  return new Map(attributes.map(({ key, value }) => [key, value]));
}

/** The first of `keys` holding a non-empty string. */
export function stringAttribute(map: AttributeMap, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const value = map.get(key);
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

/** The first of `keys` holding an integer (or a decimal string of one). */
export function integerAttribute(map: AttributeMap, ...keys: string[]): number | undefined {
  for (const key of keys) {
    const value = map.get(key);
    const number = typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : value;
    if (Number.isSafeInteger(number)) return number as number;
  }
  return undefined;
}

/** The `http` block, or `undefined` when the span carries no HTTP attribute. `server` picks the URL rule. */
export function httpFromAttributes(map: AttributeMap, server: boolean): Http | undefined {
  const method = stringAttribute(map, 'http.request.method', 'http.method');
  const status = integerAttribute(map, 'http.response.status_code', 'http.status_code');
  const url = stringAttribute(map, 'url.full', 'http.url') ?? assembleUrl(map, server);
  const userAgent = stringAttribute(map, 'user_agent.original', 'http.user_agent');
  const clientIp = server ? stringAttribute(map, 'client.address', 'http.client_ip') : undefined;
  const contentLength = integerAttribute(map, 'http.response.body.size', 'http.response_content_length');

  const request: NonNullable<Http['request']> = {};
  if (method !== undefined) request.method = method;
  if (url !== undefined) request.url = url;
  if (userAgent !== undefined) request.user_agent = userAgent;
  if (clientIp !== undefined) request.client_ip = clientIp;
  const response: NonNullable<Http['response']> = {};
  if (status !== undefined) response.status = status;
  if (contentLength !== undefined) response.content_length = contentLength;

  const http: Http = {};
  if (Object.keys(request).length > 0) http.request = request;
  if (Object.keys(response).length > 0) http.response = response;
  return Object.keys(http).length > 0 ? http : undefined;
}

/** Scheme, host and path from their separate attributes; just the path when no host is known. */
function assembleUrl(map: AttributeMap, server: boolean): string | undefined {
  const path = stringAttribute(map, 'url.path', 'http.target');
  const host = server
    ? stringAttribute(map, 'server.address', 'net.host.name', 'http.host')
    : stringAttribute(map, 'server.address', 'net.peer.name');
  if (host === undefined) return path;
  const scheme = stringAttribute(map, 'url.scheme', 'http.scheme') ?? 'http';
  const query = stringAttribute(map, 'url.query');
  return `${scheme}://${host}${path ?? ''}${query === undefined ? '' : `?${query}`}`;
}

/** The `aws` block of an AWS SDK call (`rpc.system = aws-api`), else `undefined`. */
export function awsFromAttributes(map: AttributeMap): AwsData | undefined {
  if (stringAttribute(map, 'rpc.system') !== 'aws-api') return undefined;
  const aws: AwsData = {};
  const operation = stringAttribute(map, 'rpc.method');
  const region = stringAttribute(map, 'cloud.region', 'aws.region');
  const requestId = stringAttribute(map, 'aws.request_id', 'aws.request.id');
  const tableName = stringAttribute(map, 'aws.dynamodb.table_names', 'db.name');
  const queueUrl = stringAttribute(map, 'aws.sqs.queue_url', 'messaging.url');
  if (operation !== undefined) aws.operation = operation;
  if (region !== undefined) aws.region = region;
  if (requestId !== undefined) aws.request_id = requestId;
  if (tableName !== undefined && stringAttribute(map, 'rpc.service') === 'DynamoDB') aws.table_name = tableName;
  if (queueUrl !== undefined) aws.queue_url = queueUrl;
  return aws;
}

/** The `sql` block of a database call (`db.system` set), else `undefined`. */
export function sqlFromAttributes(map: AttributeMap): Sql | undefined {
  const system = stringAttribute(map, 'db.system.name', 'db.system');
  if (system === undefined) return undefined;
  const sql: Sql = { database_type: system };
  const query = stringAttribute(map, 'db.query.text', 'db.statement');
  const user = stringAttribute(map, 'db.user');
  const url = stringAttribute(map, 'db.connection_string');
  if (query !== undefined) sql.sanitized_query = query;
  if (user !== undefined) sql.user = user;
  if (url !== undefined) sql.url = url;
  return sql;
}

/**
 * Scalar attributes become annotations (keys with characters outside `[A-Za-z0-9_]` rewritten to `_`,
 * as OTel's X-Ray exporter does, so filters can address them); the rest, and scalars beyond
 * X-Ray's per-document annotation limit, go to metadata under `default` with their original keys.
 */
export function annotationsAndMetadata(attributes: OtlpAttributes): {
  annotations: Annotations | undefined;
  metadata: Record<string, OtlpValue> | undefined;
} {
  // Null prototypes: a sender's `__proto__` key must stay a plain key.
  const annotations = Object.create(null) as Annotations;
  const metadata = Object.create(null) as Record<string, OtlpValue>;
  let annotationCount = 0;
  for (const { key, value } of attributes) {
    const scalar =
      typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
    const annotationKey = key.replace(/[^A-Za-z0-9_]/g, '_') || '_';
    const known = Object.hasOwn(annotations, annotationKey);
    if (scalar && (known || annotationCount < MAX_ANNOTATIONS_PER_DOCUMENT)) {
      if (!known) annotationCount++;
      annotations[annotationKey] = value;
    } else {
      metadata[key] = value;
    }
  }
  return {
    annotations: annotationCount > 0 ? annotations : undefined,
    metadata: Object.keys(metadata).length > 0 ? metadata : undefined,
  };
}

/** Plain JSON of attributes by original key, for `metadata["otel.resource"]`. */
export function attributesObject(attributes: OtlpAttributes): Record<string, OtlpValue> {
  const object = Object.create(null) as Record<string, OtlpValue>;
  for (const { key, value } of attributes) object[key] = value;
  return object;
}
