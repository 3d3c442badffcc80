import type { HttpMethod, NovaRequest, NovaResponse, SendNext } from '@novacron/core';

/** What a standalone operation is given: the signal to honour and which attempt this is. */
export interface OperationContext {
  signal: AbortSignal | undefined;
  attempt: number;
}

export type Operation<T> = (context: OperationContext) => Promise<T> | T;

/** Options for running a policy without @novacron/core's pipeline (`policy.execute(fn, options)`). */
export interface ExecuteOptions {
  signal?: AbortSignal;
  /** Key for per-route state (breakers, bulkhead groups, metrics). Default `default`. */
  route?: string;
  /** Decides retry safety and hedging; default GET (idempotent). */
  method?: HttpMethod;
  idempotencyKey?: string;
  /** Total timeout for this call, ms. */
  timeout?: number;
}

type Send = (request: NovaRequest, next: SendNext) => Promise<NovaResponse>;

/**
 * Runs `fn` through a policy's `send`: the policy sees a synthetic request and `fn` plays the
 * transport, so every policy has exactly one implementation for both uses.
 */
export async function executeStandalone<T>(send: Send, fn: Operation<T>, options: ExecuteOptions = {}): Promise<T> {
  const request: NovaRequest = {
    method: options.method ?? 'GET',
    path: '',
    route: options.route ?? 'default',
    headers: {},
    signal: options.signal,
    timeout: options.timeout,
    idempotencyKey: options.idempotencyKey,
    authenticate: false,
    attempt: 1,
    requestId: '',
    context: {},
  };
  const response = await send(request, async (req) => ({
    status: 200,
    headers: {},
    body: await fn({ signal: req.signal, attempt: req.attempt }),
    requestId: undefined,
    request: req,
  }));
  return response.body as T;
}
