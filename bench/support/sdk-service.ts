/**
 * The small HTTP service the SDK overhead benchmark measures, run as its own process:
 * `node --expose-gc --import tsx sdk-service.ts VARIANT STUB_URL UDP_PORT OTLP_URL`.
 * Each request adds two annotations, makes one outgoing GET to the stub and answers with its status.
 * It prints `{"port": N}` on stdout once listening and exits when stdin closes.
 *
 * `GET /__stats` (never traced) answers this process's CPU time and, after a full GC when the
 * process runs with `--expose-gc`, its memory: what the driver samples during the run.
 * `GET /__cpu` answers the same without the GC, `GET /__flush` sends what the tracer queued.
 */
import http, { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { instrument, VARIANTS, type VariantName } from './sdk-variants.ts';

/** What `/__stats` answers; CPU in microseconds, memory in bytes. */
export interface ServiceStats {
  userMicros: number;
  systemMicros: number;
  rss: number;
  heapUsed: number;
  heapTotal: number;
}

const [variantArg, stubUrl, udpPort, otlpUrl] = process.argv.slice(2);
if (!VARIANTS.includes(variantArg as VariantName) || stubUrl === undefined) {
  process.stderr.write(`usage: sdk-service.ts ${VARIANTS.join('|')} STUB_URL UDP_PORT OTLP_URL\n`);
  process.exit(2);
}

const tracing = await instrument(variantArg as VariantName, { udpPort: Number(udpPort), otlpUrl: otlpUrl ?? '' });
const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
const body = Buffer.from('{"ok":true}');

const handler = (_req: IncomingMessage, res: ServerResponse): void => {
  tracing.annotate('customer', 'c42');
  tracing.annotate('items', 3);
  tracing.get(stubUrl, agent).then(
    (status) => {
      res.writeHead(status === 200 ? 200 : 502, { 'content-type': 'application/json', 'content-length': body.length });
      res.end(body);
    },
    () => {
      res.statusCode = 502;
      res.end();
    },
  );
};

const traced = tracing.listener(handler);

function stats(res: ServerResponse, collect: boolean): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (collect) gc?.();
  const cpu = process.cpuUsage();
  const memory = process.memoryUsage();
  const figures: ServiceStats = {
    userMicros: cpu.user,
    systemMicros: cpu.system,
    rss: memory.rss,
    heapUsed: memory.heapUsed,
    heapTotal: memory.heapTotal,
  };
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(figures));
}

const server = createServer((req, res) => {
  if (req.url === '/__stats') stats(res, true);
  else if (req.url === '/__cpu') stats(res, false);
  else if (req.url === '/__flush') void tracing.flush().then(() => res.end('flushed'));
  else traced(req, res);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ port: (server.address() as AddressInfo).port }) + '\n');
});

// The parent closes stdin to stop us; exiting normally lets `--cpu-prof` write its profile.
process.stdin.resume();
process.stdin.on('end', () => {
  server.close();
  agent.destroy();
  process.exit(0);
});
