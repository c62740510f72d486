/**
 * Which node a downstream call lands on when no real segment answers it (reference §6.3 step 3, §6.5,
 * §9 item 18): `aws` calls become `AWS::<Service>` or `AWS::<Service>::<Resource>` nodes, `remote` calls
 * become `remote` nodes named after the subsegment.
 */
import type { Subsegment } from '@roentgen/model';

/** Name and type of an inferred node. */
export interface DownstreamTarget {
  readonly name: string;
  readonly type: string;
}

/**
 * Canonical AWS service names, keyed by their lowercase form with separators removed. SDKs disagree
 * (Node v2 patcher `dynamodb`, v3 `DynamoDB`, manual names such as `DynamoDB.GetItem`); one spelling per
 * service keeps them on one node [INF].
 */
const CANONICAL_AWS_SERVICES: ReadonlyMap<string, string> = new Map(
  [
    'ApiGateway',
    'AppSync',
    'Athena',
    'CloudWatch',
    'CloudWatchLogs',
    'CognitoIdentityProvider',
    'DynamoDB',
    'EC2',
    'ECS',
    'EventBridge',
    'Firehose',
    'Glue',
    'IAM',
    'Kinesis',
    'KMS',
    'Lambda',
    'S3',
    'SageMakerRuntime',
    'SecretsManager',
    'SES',
    'SFN',
    'SNS',
    'SQS',
    'SSM',
    'STS',
    'XRay',
  ].map((name) => [name.toLowerCase(), name]),
);

/** Aliases that are not just a different case of the canonical name. */
const AWS_SERVICE_ALIASES: ReadonlyMap<string, string> = new Map([
  ['dynamodbdocument', 'DynamoDB'],
  ['dynamodbclient', 'DynamoDB'],
  ['stepfunctions', 'SFN'],
  ['logs', 'CloudWatchLogs'],
  ['cloudwatchevents', 'EventBridge'],
  ['kinesisfirehose', 'Firehose'],
]);

/**
 * The canonical service name of an `aws` subsegment: the part of its name before the first `.`
 * (manual names like `SQS.SendMessage`), matched case-insensitively, ignoring `-`, `_` and spaces.
 * Unknown services keep their spelling.
 */
export function canonicalAwsServiceName(subsegmentName: string): string {
  const service = subsegmentName.split('.')[0] ?? subsegmentName;
  const key = service.toLowerCase().replace(/[-_ ]/g, '');
  return CANONICAL_AWS_SERVICES.get(key) ?? AWS_SERVICE_ALIASES.get(key) ?? service;
}

/** The last path segment of a URL or the last `:`-part of an ARN, or `undefined` when empty. */
function lastPart(value: unknown, separator: string): string | undefined {
  if (typeof value !== 'string') return undefined;
  const part = value.replace(/\/+$/, '').split(separator).pop();
  return part === undefined || part === '' ? undefined : part;
}

/** The one table a DynamoDB call touches, from `table_name` or a one-element `table_names`. */
function dynamoTable(subsegment: Subsegment): string | undefined {
  const aws = subsegment.aws;
  if (typeof aws?.table_name === 'string' && aws.table_name !== '') return aws.table_name;
  const names = aws?.table_names;
  return Array.isArray(names) && names.length === 1 && typeof names[0] === 'string' ? names[0] : undefined;
}

/** `my-fn` from `my-fn`, `my-fn:alias` or `arn:aws:lambda:<region>:<account>:function:my-fn[:alias]`. */
function lambdaFunctionName(functionName: string): string {
  const parts = functionName.split(':');
  return (functionName.startsWith('arn:') ? parts[6] : parts[0]) || functionName;
}

/**
 * The resource an `aws` call targets, as `[resource type, resource name]`. DynamoDB tables are
 * documented (§6.5); queues, topics and buckets follow the same pattern [INF].
 */
function awsResource(service: string, subsegment: Subsegment): [string, string] | undefined {
  const aws = subsegment.aws ?? {};
  let name: string | undefined;
  switch (service) {
    case 'DynamoDB':
      name = dynamoTable(subsegment);
      return name === undefined ? undefined : ['Table', name];
    case 'SQS':
      name = lastPart(aws.queue_url, '/');
      return name === undefined ? undefined : ['Queue', name];
    case 'SNS':
      name = lastPart(aws.topic_arn, ':');
      return name === undefined ? undefined : ['Topic', name];
    case 'S3':
      name = typeof aws.bucket_name === 'string' && aws.bucket_name !== '' ? aws.bucket_name : undefined;
      return name === undefined ? undefined : ['Bucket', name];
    default:
      return undefined;
  }
}

/**
 * The inferred node of a downstream call, or `undefined` for local work (no `aws`/`remote` namespace).
 * SQL calls (a `sql` block) become `Database::SQL` nodes [INF]; a Lambda call without a traced callee
 * becomes an `AWS::Lambda` node named after the function [INF].
 */
export function downstreamTarget(subsegment: Subsegment): DownstreamTarget | undefined {
  if (subsegment.namespace === 'remote') {
    return { name: subsegment.name, type: subsegment.sql === undefined ? 'remote' : 'Database::SQL' };
  }
  if (subsegment.namespace !== 'aws') return undefined;
  const service = canonicalAwsServiceName(subsegment.name);
  const resource = awsResource(service, subsegment);
  if (resource !== undefined) return { name: resource[1], type: `AWS::${service}::${resource[0]}` };
  const functionName = subsegment.aws?.function_name;
  if (service === 'Lambda' && typeof functionName === 'string' && functionName !== '') {
    return { name: lambdaFunctionName(functionName), type: 'AWS::Lambda' };
  }
  return { name: service, type: `AWS::${service}` };
}
