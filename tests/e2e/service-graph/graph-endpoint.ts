/**
 * Where the graph actions of a test server answer: the server itself once the composition root
 * serves `graphRoutes`, otherwise a second HTTP server over the same store, composed here, so the
 * tests exercise the routes through the real client either way.
 */
import { graphRoutes, startHttpServer } from '@roentgen/api';
import { MetricsRegistry } from '@roentgen/metrics';
import type { TestServer } from '../../support/test-server.ts';

/** The base URL to send graph actions to, and how to stop what was started for it. */
export async function graphEndpoint(server: TestServer): Promise<{ url: string; close: () => Promise<void> }> {
  const probe = await fetch(`${server.baseUrl}/ServiceGraph`, { method: 'POST', body: '{}' });
  await probe.arrayBuffer();
  if (probe.status !== 404) return { url: server.baseUrl, close: () => Promise.resolve() };
  const side = await startHttpServer({
    host: '127.0.0.1',
    port: 0,
    routes: graphRoutes({ store: server.server.store }),
    metrics: new MetricsRegistry(),
    maxBodyBytes: 1024 * 1024,
    log: () => undefined,
  });
  return { url: `http://127.0.0.1:${side.address.port}`, close: () => side.close() };
}
