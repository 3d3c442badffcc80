import type { Simulator } from '../simulator';

/**
 * Raw wire JSON as a test reads it. Tests index into bodies they assert on, so this one type is
 * deliberately untyped; the SDK's schemas type the same JSON everywhere else.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the single, documented escape hatch for raw JSON in tests
export type WireJson = any;

export interface RawResponse<T = WireJson> {
  status: number;
  headers: Headers;
  /** Parsed JSON when the body is JSON, else the text ('' when empty). */
  body: T;
  text: string;
}

export interface RawCallOptions {
  body?: unknown;
  /** Sent as-is instead of JSON-encoding `body`. */
  rawBody?: string;
  token?: string;
  headers?: Record<string, string>;
}

/**
 * A bare HTTP caller for asserting on the wire itself (status, headers, exact bodies), without the
 * SDK in between. Shared by every package's tests.
 */
export class SimulatorClient {
  constructor(
    readonly baseUrl: string,
    public token?: string,
  ) {}

  static for(sim: Pick<Simulator, 'url'>, token?: string): SimulatorClient {
    return new SimulatorClient(sim.url, token);
  }

  /** Logs in and keeps the token for later calls. */
  async login(email: string, password: string): Promise<SimulatorClient> {
    const res = await this.call('POST', '/api/auth/login', { body: { email, password } });
    if (res.status !== 200 || typeof res.body?.token !== 'string') throw new Error(`login as ${email} failed with ${res.status}`);
    this.token = res.body.token;
    return this;
  }

  async call<T = WireJson>(method: string, path: string, options: RawCallOptions = {}): Promise<RawResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    const token = options.token ?? this.token;
    if (token && headers.authorization === undefined) headers.authorization = `Bearer ${token}`;
    let payload: string | undefined = options.rawBody;
    if (payload === undefined && options.body !== undefined) payload = JSON.stringify(options.body);
    if (payload !== undefined) headers['content-type'] ??= 'application/json';
    const res = await fetch(this.baseUrl + path, { method, headers, ...(payload !== undefined && { body: payload }) });
    const text = await res.text();
    let body: WireJson = text;
    if (text && (res.headers.get('content-type') ?? '').includes('json')) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    return { status: res.status, headers: res.headers, body, text };
  }
}

/** Polls `check` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined> | T | undefined, timeoutMs = 10_000, intervalMs = 10): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
