import { APIError, ConnectionError, ValidationError } from '../src';
import { backoffDelay, isIdempotent, isRetryable, parseRetryAfter } from '../src/retry-rules';

describe('retry rules', () => {
  it('retries idempotent methods; POST and PATCH only with a key', () => {
    expect(isIdempotent({ method: 'GET' })).toBe(true);
    expect(isIdempotent({ method: 'DELETE' })).toBe(true);
    expect(isIdempotent({ method: 'POST' })).toBe(false);
    expect(isIdempotent({ method: 'PATCH', idempotencyKey: 'k' })).toBe(true);
    const reset = new ConnectionError();
    expect(isRetryable(reset, { method: 'POST' })).toBe(false);
    expect(isRetryable(reset, { method: 'POST', idempotencyKey: 'k' })).toBe(true);
    expect(isRetryable(new ValidationError('bad'), { method: 'GET' })).toBe(false);
    expect(isRetryable(new APIError('x', { status: 503, headers: { 'x-should-retry': 'false' } }), { method: 'GET' })).toBe(false);
  });

  it('reads Retry-After as seconds, as an HTTP date, and retry-after-ms', () => {
    const now = Date.parse('2026-11-25T12:00:00Z');
    expect(parseRetryAfter({ 'retry-after': '3' }, now)).toBe(3000);
    expect(parseRetryAfter({ 'retry-after': 'Wed, 25 Nov 2026 12:00:10 GMT' }, now)).toBe(10_000);
    expect(parseRetryAfter({ 'retry-after': 'Wed, 25 Nov 2026 11:00:00 GMT' }, now)).toBe(0);
    expect(parseRetryAfter({ 'retry-after-ms': '250', 'retry-after': '9' }, now)).toBe(250);
    expect(parseRetryAfter({ 'retry-after': 'soon' }, now)).toBeUndefined();
    expect(parseRetryAfter({}, now)).toBeUndefined();
  });

  it('backs off exponentially under the cap, jittered below the ceiling', () => {
    const none = { baseDelayMs: 100, maxDelayMs: 1000, jitter: 'none' as const };
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, none))).toEqual([100, 200, 400, 800, 1000]);
    const full = { ...none, jitter: 'full' as const };
    expect(backoffDelay(3, full, undefined, () => 0.5)).toBe(200);
    expect(backoffDelay(3, full, undefined, () => 0)).toBe(0);
    const decorrelated = { ...none, jitter: 'decorrelated' as const };
    const d = backoffDelay(2, decorrelated, 300, () => 1);
    expect(d).toBe(900);
    expect(backoffDelay(2, decorrelated, 900, () => 1)).toBe(1000);
  });
});
