/**
 * A separate process that sends daemon-protocol datagrams at a fixed rate (open loop), so that the
 * receiver under test does not share its event loop with the sender. Usage:
 *   node --import tsx bench/support/udp-sender.ts PORT COUNT RATE_PER_SECOND
 * Prints one JSON line `{"sent": N, "seconds": S}` when done.
 */
import { createSocket } from 'node:dgram';
import { benchSegment, benchTraceId, datagramFor } from './segment-factory.ts';

const [portText, countText, rateText] = process.argv.slice(2);
const port = Number(portText);
const count = Number(countText);
const rate = Number(rateText);

const now = Date.now() / 1000;
// Pre-build a pool of datagrams so generation does not limit the send rate.
const pool = Array.from({ length: 5_000 }, (_, i) => datagramFor(benchSegment(benchTraceId(now), now + i / 1000, i)));
const socket = createSocket('udp4');

let sent = 0;
let started = process.hrtime.bigint();
const tickMs = 5;

function tick(): void {
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  const due = Math.min(count, Math.floor(elapsed * rate) + 1);
  while (sent < due) {
    const datagram = pool[sent % pool.length] ?? pool[0]!;
    // Give every datagram a distinct id and trace so the store sees distinct documents.
    const unique = Buffer.from(datagram);
    unique.write(sent.toString(16).padStart(8, '0'), unique.indexOf('"id":"') + 6, 'latin1');
    // Five documents per trace, like a request through five services: trace IDs repeat in fives.
    const traceIdAt = unique.indexOf('"trace_id":"1-') + 23;
    unique.write(
      Math.floor(sent / 5)
        .toString(16)
        .padStart(24, '0'),
      traceIdAt,
      'latin1',
    );
    socket.send(unique, port, '127.0.0.1');
    sent += 1;
  }
  if (sent < count) setTimeout(tick, tickMs);
  else {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    socket.close(() => process.stdout.write(JSON.stringify({ sent, seconds }) + '\n'));
  }
}
// The send buffer can only be sized once the socket is bound.
socket.bind(0, '127.0.0.1', () => {
  socket.setSendBufferSize(8 * 1024 * 1024);
  started = process.hrtime.bigint();
  tick();
});
