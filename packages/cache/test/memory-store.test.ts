import type { CacheEntry } from '../src/cache-entry';
import { MemoryStore } from '../src/memory-store';

function entry(value: unknown, staleUntil = Number.POSITIVE_INFINITY, tags?: string[]): CacheEntry {
  return { kind: 'value', value, version: undefined, tags, createdAt: 0, freshUntil: staleUntil, staleUntil, eagerAt: Infinity, backoffUntil: 0 };
}

describe('MemoryStore', () => {
  it('evicts the least recently used entry past maxEntries', () => {
    const store = new MemoryStore({ maxEntries: 8 });
    for (let i = 0; i < 8; i++) store.set(`k${i}`, entry(i));
    // Touch k0 after enough newer inserts that it has drifted into the old part of the order.
    store.get('k0', 0);
    store.set('k8', entry(8));
    expect(store.size).toBe(8);
    expect(store.peek('k0')).toBeDefined();
    expect(store.peek('k1')).toBeUndefined();
    expect(store.evictions).toBe(1);
  });

  it('stays within maxBytes and refuses a single value larger than the bound', () => {
    const store = new MemoryStore({ maxEntries: 1000, maxBytes: 10_000, sizeOf: (v) => (v as string).length });
    for (let i = 0; i < 100; i++) store.set(`k${i}`, entry('x'.repeat(500)));
    expect(store.bytes).toBeLessThanOrEqual(10_000);
    expect(store.size).toBeLessThan(100);
    expect(store.set('huge', entry('x'.repeat(20_000)))).toBe(false);
    expect(store.peek('huge')).toBeUndefined();
  });

  it('drops an entry once past staleUntil and keeps the tag index in step', () => {
    const store = new MemoryStore();
    store.set('a', entry(1, 100, ['t']));
    store.set('b', entry(2, 1000, ['t']));
    expect(store.keysWithTag('t').sort()).toEqual(['a', 'b']);
    expect(store.get('a', 100)).toBeUndefined();
    expect(store.keysWithTag('t')).toEqual(['b']);
    store.delete('b');
    expect(store.keysWithTag('t')).toEqual([]);
    expect(store.bytes).toBe(0);
  });
});
