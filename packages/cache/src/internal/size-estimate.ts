/**
 * A rough byte count of a JSON-like value, used for the L1 byte bound when no `sizeOf` is
 * given. It walks at most a few thousand nodes so a huge value costs a bounded amount to
 * measure; what it cannot see it counts as a pointer.
 */
export function estimateSize(value: unknown): number {
  let budget = 4096;
  const walk = (v: unknown): number => {
    if (budget-- <= 0) return 8;
    switch (typeof v) {
      case 'string':
        return 16 + v.length * 2;
      case 'number':
      case 'boolean':
      case 'undefined':
        return 8;
      case 'bigint':
        return 16;
      case 'object': {
        if (v === null) return 8;
        if (Array.isArray(v)) {
          let n = 32;
          for (const item of v) n += walk(item);
          return n;
        }
        if (v instanceof Uint8Array) return 32 + v.byteLength;
        let n = 48;
        for (const k in v as Record<string, unknown>) n += 16 + k.length * 2 + walk((v as Record<string, unknown>)[k]);
        return n;
      }
      default:
        return 8;
    }
  };
  return walk(value);
}
