// Entry of the summarizer thread. Loader flags given to a worker apply too late for its own entry
// module on Node 20, so this plain module registers tsx first, then loads the TypeScript thread.
import { register } from 'tsx/esm/api';

register();
await import('./summarizer-thread.ts');
