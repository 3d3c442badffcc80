/** A pending state transition; cancelling it is always safe. */
export interface ScheduledTask {
  cancel(): void;
}

/**
 * Every timer the simulated world starts goes through here: durations are multiplied by the
 * time scale, timers never keep the process alive, and close() clears whatever is left.
 */
export class Scheduler {
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(public timeScale: number) {}

  after(baseMs: number, task: () => void): ScheduledTask {
    if (this.closed) return { cancel: () => undefined };
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      task();
    }, Math.max(0, Math.round(baseMs * this.timeScale)));
    timer.unref();
    this.timers.add(timer);
    return {
      cancel: () => {
        clearTimeout(timer);
        this.timers.delete(timer);
      },
    };
  }

  /** A sleep for request latency faults: real milliseconds, not scaled. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.closed) return resolve();
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      timer.unref();
      this.timers.add(timer);
    });
  }

  get pending(): number {
    return this.timers.size;
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
