/**
 * Synthetic traces for the console benchmark: a map of N services (a four-way call tree, so the
 * layout has depth and breadth) and one trace of N segments (a three-way tree of service calls).
 */

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0').slice(-width);
}

function traceId(start: number, n: number): string {
  return `1-${Math.floor(start).toString(16)}-${hex(n, 24)}`;
}

let idCounter = 1;
function nextId(): string {
  return hex(idCounter++, 16);
}

/** Two traces per service, each the call path from the root service down to it. */
export function wideMapDocuments(now: number, services: number): string[] {
  const parent = (k: number) => Math.floor((k - 1) / 4);
  const documents: string[] = [];
  for (let repeat = 0; repeat < 2; repeat++) {
    for (let leaf = 0; leaf < services; leaf++) {
      const path: number[] = [];
      for (let k = leaf; k > 0; k = parent(k)) path.unshift(k);
      path.unshift(0);
      const start = now - 600 + leaf + repeat * 0.5;
      const id = traceId(start, 1_000_000 + repeat * services + leaf);
      let parentSub: string | undefined;
      path.forEach((service, depth) => {
        const segmentId = nextId();
        const callId = nextId();
        const t0 = start + depth * 0.002;
        const t1 = start + 0.2 - depth * 0.002;
        const next = path[depth + 1];
        documents.push(
          JSON.stringify({
            trace_id: id,
            id: segmentId,
            name: `service-${String(service).padStart(3, '0')}`,
            start_time: t0,
            end_time: t1,
            ...(parentSub ? { parent_id: parentSub } : {}),
            http: {
              request: { method: 'GET', url: `http://service-${service}/` },
              response: { status: service % 17 === 5 ? 502 : 200 },
            },
            ...(service % 17 === 5 ? { fault: true } : {}),
            ...(next !== undefined
              ? {
                  subsegments: [
                    {
                      id: callId,
                      name: `service-${String(next).padStart(3, '0')}`,
                      namespace: 'remote',
                      start_time: t0 + 0.001,
                      end_time: t1 - 0.001,
                    },
                  ],
                }
              : {}),
          }),
        );
        parentSub = callId;
      });
    }
  }
  return documents;
}

/** One trace of `segments` segment documents; segment i is called by segment (i−1)/3's subsegment. */
export function bigTraceDocuments(
  now: number,
  segments: number,
): { traceId: string; segments: number; documents: string[] } {
  const id = traceId(now - 120, 42);
  const calls: string[] = [];
  const documents: string[] = [];
  const depthOf = (i: number) => (i === 0 ? 0 : Math.floor(Math.log(2 * i + 1) / Math.log(3)));
  for (let i = 0; i < segments; i++) {
    const start = now - 120 + depthOf(i) * 0.01 + (i % 97) * 0.0005;
    const end = start + 1 / (depthOf(i) + 1);
    const subsegments = [0, 1, 2].map((k) => {
      const callId = nextId();
      calls[i * 3 + k] = callId;
      return {
        id: callId,
        name: `call-${k}`,
        namespace: 'remote',
        start_time: start + 0.001 * (k + 1),
        end_time: end - 0.001,
      };
    });
    documents.push(
      JSON.stringify({
        trace_id: id,
        id: nextId(),
        name: `service-${i % 50}`,
        start_time: start,
        end_time: end,
        ...(i > 0 ? { parent_id: calls[i - 1] } : {}),
        ...(i % 211 === 7 ? { fault: true, http: { response: { status: 500 } } } : {}),
        subsegments,
      }),
    );
  }
  return { traceId: id, segments, documents };
}
