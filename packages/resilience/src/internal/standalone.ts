import { abortErrorFrom, TimeoutError, type HttpMethod, type NovaRequest, type NovaResponse, type SendNext } from '@novacron/core';

/** What a standalone operation is given: the signal to honour and which attempt this is. */
export interface OperationContext {
  /** Fires on the caller's abort or when this attempt's deadline passes. */
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
  /** Total timeout for this call, ms (needs a timeout policy in the chain). */
  timeout?: number;
}

type Send = (request: NovaRequest, next: SendNext) => Promise<NovaResponse>;

/**
 * Runs `fn` through a policy's `send`: the policy sees a synthetic request and `fn` plays the
 * transport, so every policy has exactly one implementation for both uses. Like core's transport,
 * this stand-in enforces `request.deadline`: it aborts `fn`'s signal and rejects with TimeoutError.
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
    body: await runAttempt(fn, req),
    requestId: undefined,
    request: req,
  }));
  return response.body as T;
}

function runAttempt<T>(fn: Operation<T>, request: NovaRequest): Promise<T> | T {
  const parent = request.signal;
  if (parent?.aborted) return Promise.reject(abortErrorFrom(parent));
  if (request.deadline === undefined) return fn({ signal: parent, attempt: request.attempt });
  const ms = request.deadline - Date.now();
  if (ms <= 0) return Promise.reject(new TimeoutError('The call ran out of time before this attempt.', { code: 'timeout' }));
  return new Promise<T>((resolve, reject) => {
    const controller = new AbortController();
    let done = false;
    const settle = () => {
      done = true;
      clearTimeout(timer);
      parent?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      if (done) return;
      settle();
      const error = abortErrorFrom(parent!);
      controller.abort(error);
      reject(error);
    };
    const timer = setTimeout(() => {
      if (done) return;
      settle();
      const error = new TimeoutError(`Timed out after ${ms} ms.`, { code: 'timeout', attempts: request.attempt });
      controller.abort(error);
      reject(error);
    }, ms);
    parent?.addEventListener('abort', onAbort, { once: true });
    Promise.resolve()
      .then(() => fn({ signal: controller.signal, attempt: request.attempt }))
      .then(
        (value) => {
          if (done) return;
          settle();
          resolve(value);
        },
        (error: unknown) => {
          if (done) return;
          settle();
          reject(error);
        },
      );
  });
}
