// Entry of the derivation worker thread. Loader flags given to a worker apply too late for its own
// entry module on Node 20, so this plain module registers tsx first, then loads the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./derive-worker.ts');
