/** Lets a loop sleep until it is told to go on (or a timeout passes). The timers never keep the process alive. */
export class Wakeup {
  private readonly waiters = new Set<() => void>();

  /** Resolves at the next `notify()`, or after `timeoutMs`. */
  wait(timeoutMs?: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = timeoutMs === undefined ? undefined : setTimeout(done, timeoutMs);
      timer?.unref();
      this.waiters.add(done);
    });
  }

  notify(): void {
    if (this.waiters.size === 0) {
      return;
    }
    for (const done of [...this.waiters]) {
      done();
    }
  }
}
