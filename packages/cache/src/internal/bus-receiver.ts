import type { BusMessage } from '../invalidation-bus';
import type { CacheLevels } from './cache-levels';
import { markerEntry } from './entry-builders';

/**
 * Apply another process's invalidations to this one. Only L1 and the log change: the sender
 * has already updated L2. Our own messages echo back and are ignored.
 */
export function applyBusMessage(levels: CacheLevels, message: BusMessage): void {
  if (message.source === levels.instanceId) return;
  const { l1, log, counters } = levels;
  counters.busReceived++;
  counters.busLag.observe(Math.max(0, Date.now() - message.sentAt) / 1000);
  const at = message.sentAt;
  for (const op of message.ops) {
    switch (op.op) {
      case 'changed': {
        const e = l1?.peek(op.key);
        if (!(op.version !== undefined && e?.version !== undefined && e.version > op.version)) l1?.delete(op.key);
        break;
      }
      case 'delete':
        for (const key of op.keys) {
          log.key(key, at);
          l1?.delete(key);
        }
        break;
      case 'tombstone':
      case 'floor':
        if (op.op === 'floor') log.keyFloor(op.key, at, op.version);
        else log.key(op.key, at);
        levels.markLocal(op.key, markerEntry(op.op, op.version, levels.now(), levels.tombstoneTtl));
        break;
      case 'tag':
        log.tag(op.tag, at, op.version);
        levels.dropTagLocally(op.tag, op.version);
        break;
      case 'prefix':
        log.prefix(op.prefix, at);
        levels.dropPrefixLocally(op.prefix);
        break;
      case 'clear':
        log.clear(at);
        l1?.clear();
        break;
    }
  }
}
