/** A resettable wake-up: `wait(ms)` resolves after `ms` or at the next `fire()`, whichever comes first. */
export class WakeSignal {
  private waiter: (() => void) | undefined;
  private fired = false;

  fire(): void {
    this.fired = true;
    this.waiter?.();
  }

  async wait(ms: number): Promise<void> {
    if (this.fired) {
      this.fired = false;
      return;
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      const waiter = (): void => done();
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.waiter = waiter;
    });
    this.waiter = undefined;
    this.fired = false;
  }
}
