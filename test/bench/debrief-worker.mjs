// The bootstrap of a bench debrief thread: register tsx in this thread so Node can load the
// TypeScript sources, then start the worker (as src/cli/balance-worker.mjs does).
import { register } from 'tsx/esm/api';

register();

await import('./debrief-worker.ts');
