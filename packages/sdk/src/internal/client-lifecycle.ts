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
 * abort what is left. Each call runs on a signal of its own that follows the caller's.
 */
export class ClientLifecycle implements Policy {
  readonly name = 'lifecycle';
  private readonly inFlight = new Set<AbortController>();
  private readonly streams = new Set<TrackedStream>();
  private drained: (() => void) | undefined;
  closing = false;

  get inFlightCalls(): number {
    return this.inFlight.size;
  }

  async send(request: NovaRequest, next: SendNext): Promise<NovaResponse> {
    if (this.closing) throw new ClientClosedError('The client is closed; no new calls are sent.');
    const controller = new AbortController();
    const outer = request.signal;
    const forward = () => controller.abort(outer!.reason);
    if (outer?.aborted) forward();
    else outer?.addEventListener('abort', forward, { once: true });
    this.inFlight.add(controller);
    try {
      return await next({ ...request, signal: controller.signal });
    } catch (error) {
      // Aborted by close(): say so, whatever layer noticed the abort first.
      if (controller.signal.reason instanceof ClientClosedError) throw controller.signal.reason;
      throw error;
    } finally {
      outer?.removeEventListener('abort', forward);
      this.inFlight.delete(controller);
      if (this.inFlight.size === 0) this.drained?.();
    }
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
    const reason = new ClientClosedError(`The client was closed and the call did not finish within ${timeoutMs} ms.`);
    for (const controller of this.inFlight) controller.abort(reason);
    // Aborted calls settle on their own; wait for them so the pool closes with no request on it.
    if (this.inFlight.size > 0) await new Promise<void>((resolve) => (this.drained = resolve));
  }
}
