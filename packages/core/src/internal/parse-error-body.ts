/**
 * Upstream servers answer errors in four shapes: `{"error":"msg"}`, `{"error":{code,message}}`,
 * `{message, code?}` and text/plain. This folds them into one `{message, code}`.
 */
export function parseErrorBody(body: unknown, status: number): { message: string; code: string | undefined } {
  if (typeof body === 'string') return { message: textMessage(body, status), code: undefined };
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

/**
 * One readable line from a text body: an HTML page (a proxy's or a framework's error page) gives
 * its title, plain text its first line. The whole body stays on the error.
 */
function textMessage(body: string, status: number): string {
  const text = body.trim();
  if (/^<(!doctype|html|head|body)\b/i.test(text)) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1]?.replace(/\s+/g, ' ').trim();
    return title ? `${title.slice(0, 200)} (an HTML page)` : `HTTP ${status} (an HTML page)`;
  }
  const line = text.split(/\r?\n/, 1)[0]!.trim();
  return line ? line.slice(0, 300) : `HTTP ${status}`;
}

function stringOr<T extends string | undefined>(value: unknown, fallback: T): string | T {
  return typeof value === 'string' && value !== '' ? value : fallback;
}
