/**
 * Test fake: a store thread hosting the in-memory store, with two hooks the tests of
 * `ThreadHostedTraceStore` need. A group named `warn:…` is stored and logs its body as a warning;
 * deleting the group `exit-thread` ends the thread, as a crash of a native engine would.
 */
import { serveTraceStore } from './serve-trace-store.ts';
import type { ConfigKind, ConfigRecord } from '../config-record.ts';
import { InMemoryTraceStore } from '../in-memory-trace-store.ts';

class HookedStore extends InMemoryTraceStore {
  constructor(private readonly warn: (message: string) => void) {
    super();
  }

  override putConfig(record: ConfigRecord): Promise<void> {
    if (record.name.startsWith('warn:')) this.warn(record.body);
    return super.putConfig(record);
  }

  override deleteConfig(kind: ConfigKind, name: string): Promise<boolean> {
    if (name === 'exit-thread') process.exit(3);
    return super.deleteConfig(kind, name);
  }
}

serveTraceStore((warn) => new HookedStore(warn));
