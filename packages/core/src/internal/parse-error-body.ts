/**
 * Upstream servers answer errors in four shapes: `{"error":"msg"}`, `{"error":{code,message}}`,
 * `{message, code?}` and text/plain. This folds them into one `{message, code}`.
 */
export function parseErrorBody(body: unknown, status: number): { message: string; code: string | undefined } {
  if (typeof body === 'string') {
    const text = body.trim();
    return { message: text ? text.slice(0, 500) : `HTTP ${status}`, code: undefined };
  }
  if (body !== null && typeof body === 'object') {
    const record = body as Record<string, unknown>;
    const error = record['error'];
    if (error !== null && typeof error === 'object') {
      const nested = error as Record<string, unknown>;
      return { message: stringOr(nested['message'], `HTTP ${status}`), code: stringOr(nested['code'], undefined) };
    }
    if (typeof error === 'string') {
      const message = stringOr(record['message'], undefined);
      // `{"error":"not_implemented","message":"..."}`: the string is a code when a message sits beside it.
      return message ? { message, code: error } : { message: error, code: stringOr(record['code'], undefined) };
    }
    if (typeof record['message'] === 'string') return { message: record['message'], code: stringOr(record['code'], undefined) };
  }
  return { message: `HTTP ${status}`, code: undefined };
}

function stringOr<T extends string | undefined>(value: unknown, fallback: T): string | T {
  return typeof value === 'string' && value !== '' ? value : fallback;
}
