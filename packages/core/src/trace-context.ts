import { randomHex } from './internal/random-id';

/** W3C trace context: keep the caller's trace id when it gave one, start a new span per attempt. */
export function childTraceparent(parent?: string): string {
  const traceId = parent && /^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/.test(parent) ? parent.slice(3, 35) : randomHex(16);
  return `00-${traceId}-${randomHex(8)}-01`;
}
