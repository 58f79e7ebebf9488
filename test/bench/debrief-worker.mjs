// The bootstrap of a bench debrief thread: register tsx in this thread so Node can load the
// TypeScript sources, then start the worker. (The balance pool bundles its worker with esbuild
// instead; this bench-only thread keeps tsx.)
import { register } from 'tsx/esm/api';

register();

await import('./debrief-worker.ts');
