/**
 * A hand-built trace for tests: API Gateway stage → Lambda (service and function segments) → a
 * DynamoDB table and an external HTTP API, the documents arriving as the real senders send them
 * (the SDK's calls as independent subsegments). Times are fixed so expectations can be exact.
 */
import { makeIndependentSubsegment, makeSegment, makeSubsegment } from '@roentgen/model/testing';
import type { SegmentDocument } from '@roentgen/model';

export const LAMBDA_TRACE_ID = '1-6553f100-0123456789abcdef01234567';

/** Epoch seconds of the trace's first moment. */
export const LAMBDA_TRACE_START = 1_700_000_000;

const at = (offsetMs: number): number => (LAMBDA_TRACE_START * 1000 + offsetMs) / 1000;

/** Ids of the documents and calls, named after what they are. */
export const LAMBDA_IDS = {
  stage: 'a000000000000001',
  stageInvoke: 'a000000000000002',
  lambda: 'b000000000000001',
  fn: 'c000000000000001',
  invocation: 'c000000000000002',
  dynamo: 'c000000000000003',
  httpApi: 'c000000000000004',
} as const;

/** The trace's documents, in arrival order (children before parents, as Lambda delivers them). */
export function lambdaTraceDocuments(): SegmentDocument[] {
  const trace_id = LAMBDA_TRACE_ID;
  const dynamo = makeIndependentSubsegment({
    id: LAMBDA_IDS.dynamo,
    trace_id,
    parent_id: LAMBDA_IDS.invocation,
    name: 'DynamoDB',
    namespace: 'aws',
    aws: { operation: 'GetItem', table_name: 'orders', region: 'us-east-1' },
    http: { response: { status: 200 } },
    start_time: at(60),
    end_time: at(80),
  });
  const httpApi = makeIndependentSubsegment({
    id: LAMBDA_IDS.httpApi,
    trace_id,
    parent_id: LAMBDA_IDS.fn,
    name: 'api.example.com',
    namespace: 'remote',
    http: { request: { method: 'GET', url: 'https://api.example.com/rates' }, response: { status: 503 } },
    fault: true,
    start_time: at(90),
    end_time: at(400),
  });
  const fn = makeSegment({
    id: LAMBDA_IDS.fn,
    trace_id,
    parent_id: LAMBDA_IDS.lambda,
    name: 'orders-fn',
    origin: 'AWS::Lambda::Function',
    start_time: at(50),
    end_time: at(420),
    subsegments: [
      makeSubsegment({ id: LAMBDA_IDS.invocation, name: 'Invocation', start_time: at(55), end_time: at(85) }),
    ],
  });
  const lambda = makeSegment({
    id: LAMBDA_IDS.lambda,
    trace_id,
    parent_id: LAMBDA_IDS.stageInvoke,
    name: 'orders-fn',
    origin: 'AWS::Lambda',
    resource_arn: 'arn:aws:lambda:us-east-1:123456789012:function:orders-fn',
    start_time: at(20),
    end_time: at(430),
  });
  const stage = makeSegment({
    id: LAMBDA_IDS.stage,
    trace_id,
    name: 'orders-api/prod',
    origin: 'AWS::ApiGateway::Stage',
    http: { request: { method: 'GET', url: 'https://x.execute-api/prod/orders' }, response: { status: 200 } },
    start_time: at(0),
    end_time: at(500),
    subsegments: [
      makeSubsegment({
        id: LAMBDA_IDS.stageInvoke,
        name: 'Lambda',
        namespace: 'aws',
        aws: { function_name: 'orders-fn', operation: 'Invoke' },
        start_time: at(10),
        end_time: at(490),
      }),
    ],
  });
  return [dynamo, httpApi, fn, lambda, stage];
}
