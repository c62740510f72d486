/**
 * A realistic little system for the console's tests, sent through `POST /TraceSegments` as an
 * instrumented application would: an API gateway stage, the `storefront` entrypoint, and services
 * behind it. `pricing` is slow (~2 s) exactly when the annotation `pricing_engine = "v2-beta"` is
 * planted; `payments` fails half of its calls with a 502 and an exception; `inventory`'s DynamoDB
 * table throttles (429) a third of its reads; one service is named like an XSS payload.
 */

/** The service named like markup: the console must show it as text, never run it. */
export const XSS_NAME = '<img src=x onerror=alert(1)>';
export const PLANTED_KEY = 'pricing_engine';
export const PLANTED_VALUE = 'v2-beta';
export const GATEWAY = 'shop-api/prod';

export interface FixtureTrace {
  readonly id: string;
  readonly route: 'products' | 'checkout' | 'cart';
  readonly slow: boolean;
  readonly paymentFailed: boolean;
  readonly throttled: boolean;
  readonly documents: string[];
}

/** Deterministic pseudo-random numbers, so every run sends the same traces. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

function hex(random: () => number, length: number): string {
  let out = '';
  while (out.length < length) out += Math.floor(random() * 16).toString(16);
  return out;
}

type Entity = Record<string, unknown> & { id: string; start_time: number; end_time: number; subsegments?: Entity[] };

function call(random: () => number, callee: string, start: number, end: number, status: number): Entity {
  return {
    id: hex(random, 16),
    name: callee,
    start_time: start,
    end_time: end,
    namespace: 'remote',
    http: { request: { method: 'GET', url: `http://${callee}.internal/` }, response: { status } },
    ...(status >= 500
      ? { fault: true }
      : status === 429
        ? { error: true, throttle: true }
        : status >= 400
          ? { error: true }
          : {}),
  };
}

function segment(
  traceId: string,
  id: string,
  name: string,
  start: number,
  end: number,
  extra: Record<string, unknown>,
): Entity {
  return { trace_id: traceId, id, name, start_time: start, end_time: end, origin: 'AWS::EC2::Instance', ...extra };
}

const USERS = ['ada', 'grace', 'linus', 'margaret', 'ken'];
const TIERS = ['gold', 'silver', 'bronze'];

/** Builds `count` traces ending before `now` (epoch seconds), spread over the last nine minutes. */
export function fixtureTraces(now: number, count = 72): FixtureTrace[] {
  const random = generator(20_261_127);
  const traces: FixtureTrace[] = [];
  for (let i = 0; i < count; i++) {
    const route = (['products', 'checkout', 'products', 'checkout', 'cart'] as const)[i % 5]!;
    const start = now - 540 + i * (500 / count) + random();
    const traceId = `1-${Math.floor(start).toString(16)}-${hex(random, 24)}`;
    // Every fourth pricing call takes the beta engine, and only those are slow.
    const slow = route !== 'cart' && Math.floor(i / 5) % 4 === 1;
    const paymentFailed = route === 'checkout' && (i >> 1) % 2 === 0;
    const throttled = route !== 'products' && i % 3 === 0;
    const docs: Entity[] = [];
    const storefrontId = hex(random, 16);
    const gatewayCallId = hex(random, 16);
    let cursor = start + 0.004;
    const storefrontSubs: Entity[] = [];

    function service(
      name: string,
      duration: number,
      status: number,
      extra: Record<string, unknown> = {},
      subs: Entity[] = [],
    ): void {
      const sub = call(random, name, cursor, cursor + duration + 0.002, status);
      storefrontSubs.push(sub);
      docs.push(
        segment(traceId, hex(random, 16), name, cursor + 0.001, cursor + duration + 0.001, {
          parent_id: sub.id,
          http: { request: { method: 'GET', url: `http://${name}.internal/` }, response: { status } },
          ...(status >= 500 ? { fault: true } : {}),
          ...(subs.length > 0 ? { subsegments: subs } : {}),
          ...extra,
        }),
      );
      cursor += duration + 0.004;
    }

    if (route === 'products' || route === 'checkout') {
      const catalogStart = cursor;
      service('catalog', 0.03 + random() * 0.02, 200, {}, [
        {
          id: hex(random, 16),
          name: 'products@catalog-db',
          start_time: catalogStart + 0.003,
          end_time: catalogStart + 0.02,
          namespace: 'remote',
          sql: {
            url: 'postgresql://catalog-db:5432/products',
            database_type: 'PostgreSQL',
            sanitized_query: 'SELECT * FROM products WHERE id = $1',
          },
        },
      ]);
      service('pricing', slow ? 1.9 + random() * 0.25 : 0.06 + random() * 0.05, 200, {
        annotations: { [PLANTED_KEY]: slow ? PLANTED_VALUE : 'v1' },
      });
    }
    if (route === 'checkout') {
      service(
        'payments',
        0.12 + random() * 0.05,
        paymentFailed ? 502 : 200,
        paymentFailed
          ? {
              cause: {
                working_directory: '/srv/payments',
                exceptions: [
                  {
                    id: hex(random, 16),
                    type: 'UpstreamError',
                    message: 'card processor answered 502 Bad Gateway',
                    stack: [
                      { path: 'src/processor-client.ts', line: 88, label: 'ProcessorClient.charge' },
                      { path: 'src/checkout-handler.ts', line: 41, label: 'handleCheckout' },
                    ],
                  },
                ],
              },
            }
          : {},
      );
    }
    if (route !== 'products') {
      const inventoryStart = cursor;
      const dynamo = (offset: number, status: number): Entity => ({
        ...call(random, 'DynamoDB', inventoryStart + offset, inventoryStart + offset + 0.01, status),
        namespace: 'aws',
        aws: {
          operation: 'GetItem',
          table_name: 'inventory-table',
          region: 'us-east-1',
          retries: status === 429 ? 0 : 1,
        },
        http: { response: { status } },
      });
      service('inventory', 0.05, 200, {}, throttled ? [dynamo(0.005, 429), dynamo(0.025, 200)] : [dynamo(0.005, 200)]);
    }
    if (route === 'cart') service(XSS_NAME, 0.02, 200);

    const failed = paymentFailed;
    const end = cursor + 0.003;
    docs.unshift(
      segment(traceId, storefrontId, 'storefront', start + 0.003, end - 0.001, {
        parent_id: gatewayCallId,
        http: {
          request: {
            method: route === 'checkout' ? 'POST' : 'GET',
            url: `https://shop.example.com/${route}`,
            client_ip: '203.0.113.7',
          },
          response: { status: failed ? 500 : 200 },
        },
        ...(failed
          ? {
              fault: true,
              cause: { exceptions: [{ id: hex(random, 16), type: 'CheckoutFailed', message: 'payment failed' }] },
            }
          : {}),
        user: USERS[i % USERS.length],
        annotations: { customer_tier: TIERS[i % TIERS.length]!, cart_items: (i % 7) + 1 },
        metadata: { default: { build: '2026.11.3', feature_flags: ['fast-search'] } },
        subsegments: storefrontSubs,
      }),
    );
    docs.unshift(
      segment(traceId, hex(random, 16), GATEWAY, start, end + 0.001, {
        origin: 'AWS::ApiGateway::Stage',
        http: {
          request: { method: route === 'checkout' ? 'POST' : 'GET', url: `https://shop.example.com/${route}` },
          response: { status: failed ? 500 : 200 },
        },
        ...(failed ? { fault: true } : {}),
        annotations: { 'aws:api_stage': 'prod' },
        subsegments: [{ ...call(random, 'storefront', start + 0.002, end, failed ? 500 : 200), id: gatewayCallId }],
      }),
    );
    traces.push({ id: traceId, route, slow, paymentFailed, throttled, documents: docs.map((d) => JSON.stringify(d)) });
  }
  return traces;
}

/** Sends documents through PutTraceSegments in batches; fails loudly on any unprocessed document. */
export async function putDocuments(baseUrl: string, documents: readonly string[], batch = 50): Promise<void> {
  for (let at = 0; at < documents.length; at += batch) {
    const response = await fetch(`${baseUrl}/TraceSegments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ TraceSegmentDocuments: documents.slice(at, at + batch) }),
    });
    const body = (await response.json()) as { UnprocessedTraceSegments?: unknown[]; message?: string };
    if (!response.ok || (body.UnprocessedTraceSegments?.length ?? 0) > 0) {
      throw new Error(`PutTraceSegments refused documents: ${response.status} ${JSON.stringify(body).slice(0, 500)}`);
    }
  }
}

/** Builds the fixture for "now" and sends it; returns the traces so tests know what to expect. */
export async function loadFixtureTraces(baseUrl: string, now = Date.now() / 1000): Promise<FixtureTrace[]> {
  const traces = fixtureTraces(now);
  // Each request carries whole traces (about fifty documents), as a daemon's batches usually do.
  for (let at = 0; at < traces.length; at += 10) {
    const documents = traces.slice(at, at + 10).flatMap((t) => t.documents);
    await putDocuments(baseUrl, documents, documents.length);
  }
  return traces;
}
