/**
 * Warms the freshly started system before the measured load. The first calls through each process
 * load modules, compile them and open connections; on a busy two-core machine that made the first
 * second's requests take 0.7–2 s, so `responsetime > 1.5` matched traces that never went through the
 * slow function. The warm-up requests carry `Sampled=0`, so every tracer on the path obeys the
 * upstream decision and records nothing: the map and the search show only the load.
 */
import { randomBytes } from 'node:crypto';

/** How many warm-up requests run at once, and how many rounds of them. */
const CONCURRENCY = 10;
const ROUNDS = 3;
/** A warm-up request gives up after this long: the load runs anyway. */
const REQUEST_TIMEOUT_MS = 10_000;

/** Sends `ROUNDS` bursts of unsampled requests to the gateway and waits for them. Never throws. */
export async function warmUp(gatewayUrl: string): Promise<void> {
  for (let round = 0; round < ROUNDS; round++) {
    await Promise.all(Array.from({ length: CONCURRENCY }, () => unsampledRequest(gatewayUrl)));
  }
}

async function unsampledRequest(gatewayUrl: string): Promise<void> {
  try {
    const response = await fetch(`${gatewayUrl}/`, {
      headers: { 'x-amzn-trace-id': `Root=${unsampledTraceId()};Sampled=0` },
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    await response.arrayBuffer();
  } catch {
    // A warm-up failure is not the demo's failure: the load that follows reports what happens.
  }
}

/** An X-Ray trace id (`1-{epoch hex}-{96 random bits}`); nothing is recorded under it. */
function unsampledTraceId(): string {
  const epoch = Math.floor(Date.now() / 1000).toString(16);
  return `1-${epoch}-${randomBytes(12).toString('hex')}`;
}
