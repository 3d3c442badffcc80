import type { NovaRequest, NovaResponse, Policy, SendNext } from '@novacron/core';
import { ClientClosedError } from './client-closed-error';

/** What `close()` and `healthCheck()` need of a stream: all four stream classes have these. */
export interface TrackedStream {
  readonly connectionState: string;
  close(): void;
}

export interface StreamStats {
  /** `connecting`, `open`, `reconnecting`, ... */
  state: string;
  /** Events that arrived and wait for a handler or iterator: how far the consumer is behind. */
  lagEvents: number;
}

/**
 * The outermost policy: it knows every call in flight, so `close()` can wait for them and then
 * abort what is left. Calls run on one signal the client shares, which close() aborts; a call
 * that brings a signal of its own gets one that follows both. No controller per call: the hot
 * path pays a Set insert and delete.
 */
export class ClientLifecycle implements Policy {
  readonly name = 'lifecycle';
  private readonly inFlight = new Set<NovaRequest>();
  private readonly streams = new Set<TrackedStream>();
  private readonly shared = new AbortController();
  private drained: (() => void) | undefined;
  closing = false;

  constructor() {
    // Every call in flight listens on the shared signal; Node would warn past 10 listeners.
    (globalThis as { process?: { getBuiltinModule?(id: string): { setMaxListeners?(n: number, ...targets: EventTarget[]): void } | undefined } }).process
      ?.getBuiltinModule?.('node:events')
      ?.setMaxListeners?.(0, this.shared.signal);
  }

  /** The signal every call without one of its own runs on; close() aborts it past the grace period. */
  get signal(): AbortSignal {
    return this.shared.signal;
  }

  get inFlightCalls(): number {
    return this.inFlight.size;
  }

  send(request: NovaRequest, next: SendNext): Promise<NovaResponse> {
    if (this.closing) return Promise.reject(new ClientClosedError('The client is closed; no new calls are sent.'));
    const outer = request.signal;
    const both = outer === undefined ? undefined : followBoth(outer, this.shared.signal);
    // The request is this call's own (built for it by the client), so it is changed in place.
    request.signal = both?.signal ?? this.shared.signal;
    this.inFlight.add(request);
    const settle = () => {
      both?.release();
      this.inFlight.delete(request);
      if (this.inFlight.size === 0) this.drained?.();
    };
    // A promise chain, not an async frame: one hop fewer on every call.
    let sent: Promise<NovaResponse>;
    try {
      sent = next(request);
    } catch (error) {
      sent = Promise.reject(error);
    }
    return sent.then(
      (response) => {
        settle();
        return response;
      },
      (error: unknown) => {
        settle();
        // Aborted by close(): say so, whatever layer noticed the abort first.
        const reason: unknown = this.shared.signal.reason;
        throw reason instanceof ClientClosedError && !outer?.aborted ? reason : error;
      },
    );
  }

  track<S extends TrackedStream>(stream: S): S {
    for (const s of this.streams) if (s.connectionState === 'closed') this.streams.delete(s);
    if (this.closing) {
      stream.close();
      throw new ClientClosedError('The client is closed; no new streams are opened.');
    }
    this.streams.add(stream);
    return stream;
  }

  /** Per open stream: its state, and events received but not yet delivered (the consumer's lag). */
  streamStats(): StreamStats[] {
    return this.liveStreams().map((s) => {
      const m = (s as { metrics?: { bufferedEvents?: number; received?: number; delivered?: number; dropped?: number } }).metrics;
      const lag = m?.bufferedEvents ?? Math.max(0, (m?.received ?? 0) - (m?.delivered ?? 0) - (m?.dropped ?? 0));
      return { state: s.connectionState, lagEvents: lag };
    });
  }

  liveStreams(): TrackedStream[] {
    return [...this.streams].filter((s) => s.connectionState !== 'closed');
  }

  /** Refuse new calls, wait up to `timeoutMs` for those in flight, abort the rest, close the streams. */
  async shutdown(timeoutMs: number): Promise<void> {
    this.closing = true;
    for (const stream of this.streams) stream.close();
    this.streams.clear();
    if (this.inFlight.size > 0) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      await new Promise<void>((resolve) => {
        this.drained = resolve;
        timer = setTimeout(resolve, timeoutMs);
      });
      clearTimeout(timer);
      this.drained = undefined;
    }
    this.shared.abort(new ClientClosedError(`The client was closed and the call did not finish within ${timeoutMs} ms.`));
    // Aborted calls settle on their own; wait for them so the pool closes with no request on it.
    if (this.inFlight.size > 0) await new Promise<void>((resolve) => (this.drained = resolve));
  }
}

/** A signal that fires with either; `release()` takes its listeners off both (the shared one lives as long as the client). */
function followBoth(a: AbortSignal, b: AbortSignal): { signal: AbortSignal; release(): void } {
  const controller = new AbortController();
  const fromA = () => controller.abort(a.reason);
  const fromB = () => controller.abort(b.reason);
  if (a.aborted) fromA();
  else if (b.aborted) fromB();
  a.addEventListener('abort', fromA, { once: true });
  b.addEventListener('abort', fromB, { once: true });
  return {
    signal: controller.signal,
    release() {
      a.removeEventListener('abort', fromA);
      b.removeEventListener('abort', fromB);
    },
  };
}
