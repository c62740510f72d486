/**
 * Entry point of a service's child process (started by the worker pool with an IPC channel). It
 * reports its port, applies redeploys, and exits as soon as the parent goes away, however the
 * parent ended: the IPC channel closes even on kill -9.
 */
import type { HandlerName } from '../demo-manifest.ts';
import { startServiceWorker, type WorkerConfig } from './service-worker.ts';

/** Messages between the pool and a worker. */
export type WorkerMessage =
  | { readonly type: 'ready'; readonly port: number }
  | { readonly type: 'deploy'; readonly name: string; readonly handler: HandlerName }
  | { readonly type: 'deployed'; readonly name: string };

const raw = process.env['ROENTGEN_DEMO_WORKER'];
if (raw === undefined || process.send === undefined) {
  process.stderr.write('service-worker-main: start me through the demo host (no config or IPC channel)\n');
  process.exit(2);
}
const worker = await startServiceWorker(JSON.parse(raw) as WorkerConfig);
const send = (message: WorkerMessage): void => {
  if (process.connected) process.send?.(message);
};

process.on('message', (message: WorkerMessage) => {
  if (message.type !== 'deploy') return;
  worker.deploy(message.name, message.handler);
  send({ type: 'deployed', name: message.name });
});
process.on('disconnect', () => {
  // Give the last datagrams a moment to leave, but never outlive the parent by much.
  setTimeout(() => process.exit(0), 1000).unref();
  void worker.stop().then(() => process.exit(0));
});
// The parent owns the lifecycle; Ctrl-C in the terminal reaches the whole group, so ignore it here.
process.on('SIGINT', () => undefined);
send({ type: 'ready', port: worker.port });
