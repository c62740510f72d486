/**
 * Entry point of the function host's process: the API Gateway, the Lambda service (which starts the
 * service processes) and the load runner. Kept apart from Roentgen's process so that the server's
 * work never shows up as latency of the system it observes. Exits when its parent goes away.
 */
import type { DemoHostMessage, DemoHostConfig } from '../demo-host-process.ts';
import { startDemoSystem } from '../demo-system.ts';
import { runLoad } from '../load/open-loop-load.ts';

const raw = process.env['ROENTGEN_DEMO_HOST'];
if (raw === undefined || process.send === undefined) {
  process.stderr.write('demo-host-main: start me through spawnDemoHost (no config or IPC channel)\n');
  process.exit(2);
}
const config = JSON.parse(raw) as DemoHostConfig;
const send = (message: DemoHostMessage): void => {
  if (process.connected) process.send?.(message);
};

try {
  const system = await startDemoSystem({ ...config, log: (line) => process.stderr.write(line + '\n') });
  process.on('message', (message: DemoHostMessage) => {
    if (message.type === 'deploy') {
      void system.deploy(message.name, message.handler).then(
        () => send({ type: 'deployed', name: message.name, error: undefined }),
        (error: unknown) => send({ type: 'deployed', name: message.name, error: String(error) }),
      );
    } else if (message.type === 'load') {
      void runLoad(message.script, {
        target: system.gatewayUrl,
        onProgress: (line, final) => send({ type: 'progress', line, final }),
      }).then((result) =>
        send({ type: 'loaded', arrivals: result.arrivals, startTime: result.startTime, endTime: result.endTime }),
      );
    }
  });
  process.on('disconnect', () => {
    setTimeout(() => process.exit(0), 5000).unref();
    void system.stop().then(() => process.exit(0));
  });
  // The parent owns the lifecycle; Ctrl-C in the terminal reaches the whole group, so ignore it here.
  process.on('SIGINT', () => undefined);
  send({ type: 'ready', gatewayUrl: system.gatewayUrl, lambdaEndpoint: system.lambdaEndpoint });
} catch (error) {
  send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  process.exitCode = 1;
  process.disconnect();
}
