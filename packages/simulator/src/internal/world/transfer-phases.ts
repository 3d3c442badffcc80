import type { ScheduledTask, Scheduler } from './scheduler';

/** Base durations (ms) of each phase of a migration, before the time scale. VM and cross-cloud migrations share them. */
export const TRANSFER_TIMINGS = { pending: 200, preparing: 300, tick: 250, activating: 200, maxTransferSeconds: 4 } as const;

/** The wire fields a transfer moves forward. */
export interface TransferProgress {
  transfer_rate: number;
  bytes_transferred: number;
  total_bytes: number;
  progress: number;
}

/** What a migration keeps about its running transfer. */
export interface TransferRecord {
  pending: ScheduledTask | undefined;
  /** Fail once progress reaches this (a fault injected by a test). */
  failAtProgress: number | undefined;
  failReason: string;
}

/** What the owning service does at each step; the phases and the byte counting are here. */
export interface TransferSteps {
  setState(state: 'preparing' | 'transferring'): void;
  progressed(): void;
  failed(reason: string): void;
  transferred(): void;
}

/**
 * `preparing`, then `transferring` in ticks: each tick moves `transfer_rate` bytes per second of
 * tick, rounds progress to two decimals, fails where a test asked it to, and reports progress; the
 * last tick hands over to the service's `transferred()` (activation and completion are its own).
 */
export function startTransfer(scheduler: Scheduler, record: TransferRecord, migration: TransferProgress, steps: TransferSteps): void {
  steps.setState('preparing');
  const tick = () => {
    record.pending = scheduler.after(TRANSFER_TIMINGS.tick, () => {
      const step = Math.round((migration.transfer_rate * TRANSFER_TIMINGS.tick) / 1000);
      migration.bytes_transferred = Math.min(migration.total_bytes, migration.bytes_transferred + step);
      migration.progress = Math.round((migration.bytes_transferred / migration.total_bytes) * 100 * 100) / 100;
      if (record.failAtProgress !== undefined && migration.progress >= record.failAtProgress) {
        steps.failed(record.failReason);
        return;
      }
      steps.progressed();
      if (migration.bytes_transferred >= migration.total_bytes) steps.transferred();
      else tick();
    });
  };
  record.pending = scheduler.after(TRANSFER_TIMINGS.preparing, () => {
    steps.setState('transferring');
    tick();
  });
}
