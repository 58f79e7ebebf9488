// The bootstrap of a balance worker thread: register tsx in this thread (as phase-shift.mjs
// does for the main one) so Node can load the TypeScript sources, then start the worker.
import { register } from 'tsx/esm/api';

register();

await import('./balance-worker.ts');
