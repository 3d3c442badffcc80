export interface LockHandle {
  release(): Promise<void>;
}

/**
 * A lock shared between processes, so a cold key runs its factory once in a whole fleet.
 * `acquire` resolves undefined when another holder has it and throws when the lock service
 * cannot be reached; the cache then falls back to its in-process lock.
 */
export interface DistributedLock {
  acquire(key: string, ttlMs: number): Promise<LockHandle | undefined>;
  /** Whether someone holds the lock now (false when unknown). */
  isHeld(key: string): Promise<boolean>;
}
