/**
 * Scenario (a) of the service-graph tests, as PutTraceSegments documents: API Gateway stage
 * `shop-api/prod` invokes Lambda `checkout` (the Lambda service segment, then the function
 * segment), whose function calls DynamoDB table `carts` and the external HTTP API
 * `api.payments.example`. Durations are fixed so histograms can be asserted exactly.
 */
import type { SegmentDocument } from '@roentgen/model';

/** Seconds each entity takes, and so the one histogram value of each node and edge. */
export const DURATIONS = {
  gateway: 0.5,
  gatewayCall: 0.45,
  lambda: 0.44,
  fn: 0.4,
  dynamodb: 0.05,
  payments: 0.2,
} as const;

/**
 * The four documents of invocation `n` starting at `start` (epoch seconds). With `paymentsDown`,
 * the payments API answers 503 and the failure travels up as faults (the gateway answers 502).
 */
export function lambdaShopTrace(n: number, start: number, paymentsDown = false): SegmentDocument[] {
  const traceId = `1-${Math.floor(start).toString(16)}-${n.toString(16).padStart(24, '0')}`;
  const id = (k: number): string => `${n.toString(16).padStart(12, '0')}${k.toString(16).padStart(4, '0')}`;
  const fault = paymentsDown ? { fault: true } : {};
  const end = (seconds: number, offset = 0): { start_time: number; end_time: number } => ({
    start_time: start + offset,
    end_time: start + offset + seconds,
  });
  const gateway = {
    trace_id: traceId,
    id: id(1),
    name: 'shop-api/prod',
    origin: 'AWS::ApiGateway::Stage',
    ...end(DURATIONS.gateway),
    http: {
      request: { method: 'POST', url: 'https://shop.example/prod/checkout' },
      response: { status: paymentsDown ? 502 : 200 },
    },
    ...fault,
    subsegments: [
      {
        id: id(2),
        name: 'Lambda',
        namespace: 'aws',
        ...end(DURATIONS.gatewayCall, 0.02),
        aws: { function_name: 'checkout', operation: 'Invoke', region: 'us-east-1' },
        http: { response: { status: 200 } },
        ...fault,
      },
    ],
  };
  const lambda = {
    trace_id: traceId,
    id: id(3),
    parent_id: id(2),
    name: 'checkout',
    origin: 'AWS::Lambda',
    ...end(DURATIONS.lambda, 0.025),
    http: { response: { status: 200 } },
    ...fault,
  };
  const fn = {
    trace_id: traceId,
    id: id(4),
    parent_id: id(3),
    name: 'checkout',
    origin: 'AWS::Lambda::Function',
    ...end(DURATIONS.fn, 0.03),
    ...fault,
    subsegments: [
      {
        id: id(5),
        name: 'Invocation',
        ...end(0.39, 0.035),
        subsegments: [
          {
            id: id(6),
            name: 'DynamoDB',
            namespace: 'aws',
            ...end(DURATIONS.dynamodb, 0.04),
            aws: { operation: 'PutItem', table_name: 'carts', region: 'us-east-1' },
            http: { response: { status: 200 } },
          },
          {
            id: id(7),
            name: 'api.payments.example',
            namespace: 'remote',
            ...end(DURATIONS.payments, 0.1),
            http: {
              request: { method: 'POST', url: 'https://api.payments.example/charge' },
              response: { status: paymentsDown ? 503 : 200 },
            },
            ...fault,
          },
        ],
      },
    ],
  };
  return [gateway, lambda, fn].map((d) => d as SegmentDocument);
}
