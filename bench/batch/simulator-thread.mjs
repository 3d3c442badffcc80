// A worker's entry: Node 20 does not run --import hooks for a worker's own .ts entry, so register tsx here.
import { register } from 'tsx/esm/api';

register();
await import('./simulator-worker.ts');
