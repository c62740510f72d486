/**
 * The resource fields recorded on `aws` subsegments, per service (reference §2.5): the same
 * parameters the X-Ray Node SDK whitelists, snake_cased. Only these are read from requests and
 * responses; payloads and message bodies are never recorded.
 */
import type { AwsData } from '@roentgen/model';

interface ServiceFields {
  /** Request parameter → `aws` field. */
  request?: Record<string, string>;
  /** Request parameter holding a map whose keys are recorded as a list (DynamoDB batch table names). */
  requestKeys?: Record<string, string>;
  /** Response field → `aws` field. */
  response?: Record<string, string>;
}

const FIELDS: Record<string, ServiceFields> = {
  DynamoDB: {
    request: { TableName: 'table_name', IndexName: 'index_name', Select: 'select', ConsistentRead: 'consistent_read' },
    requestKeys: { RequestItems: 'table_names' },
    response: { Count: 'count', ScannedCount: 'scanned_count' },
  },
  SQS: {
    request: { QueueUrl: 'queue_url', QueueName: 'queue_name' },
    response: { MessageId: 'message_id' },
  },
  SNS: { request: { TopicArn: 'topic_arn', TargetArn: 'topic_arn' } },
  Lambda: {
    request: {
      FunctionName: 'function_name',
      InvocationType: 'invocation_type',
      LogType: 'log_type',
      Qualifier: 'qualifier',
    },
    response: { StatusCode: 'status_code', FunctionError: 'function_error' },
  },
  S3: { request: { Bucket: 'bucket_name', Key: 'key', VersionId: 'version_id' } },
  Kinesis: { request: { StreamName: 'stream_name', StreamARN: 'stream_arn' } },
  SageMakerRuntime: { request: { EndpointName: 'endpoint_name' } },
  SFN: { request: { StateMachineArn: 'state_machine_arn' } },
};

/** Copies the whitelisted request parameters of `service` into `aws`. */
export function addRequestFields(service: string, input: unknown, aws: AwsData): void {
  const fields = FIELDS[service];
  if (fields === undefined || typeof input !== 'object' || input === null) return;
  const params = input as Record<string, unknown>;
  for (const name in fields.request) {
    const value = params[name];
    if (isScalar(value)) aws[fields.request[name] as string] = value;
  }
  for (const name in fields.requestKeys) {
    const value = params[name];
    if (typeof value === 'object' && value !== null) aws[fields.requestKeys[name] as string] = Object.keys(value);
  }
}

/** Copies the whitelisted response fields of `service` into `aws`. */
export function addResponseFields(service: string, output: unknown, aws: AwsData): void {
  const fields = FIELDS[service];
  if (fields?.response === undefined || typeof output !== 'object' || output === null) return;
  const result = output as Record<string, unknown>;
  for (const name in fields.response) {
    const value = result[name];
    if (isScalar(value)) aws[fields.response[name] as string] = value;
  }
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}
