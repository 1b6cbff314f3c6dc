import type { IdempotencySlot } from './idempotency-entry';
import { MAX_RENEWED_MS, RENEW_EVERY_MS } from './idempotency-reservation.constant';
import type { IdempotencyStore } from './idempotency.store';

/**
 * Keeps a running request's reservation alive: renews it every RENEW_EVERY_MS while it is still this request's,
 * until `stop()` (the request ended), the key holds anything else (the reservation lapsed; renewing stops for good),
 * or MAX_RENEWED_MS. The timer is unref'd: it never keeps the process alive.
 */
export class ReservationRenewal {
  private readonly timer: NodeJS.Timeout;
  private readonly startedAt = Date.now();
  private inFlight = false;
  private stopped = false;

  constructor(
    private readonly store: Pick<IdempotencyStore, 'renew'>,
    private readonly slot: IdempotencySlot,
    private readonly fingerprint: string,
  ) {
    this.timer = setInterval(() => void this.renew(), RENEW_EVERY_MS).unref();
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
  }

  private async renew(): Promise<void> {
    if (Date.now() - this.startedAt >= MAX_RENEWED_MS) {
      this.stop();
      return;
    }
    // A renewal still waiting for Redis (at most its 1 s timeout) is not doubled.
    if (this.inFlight || this.stopped) {
      return;
    }
    this.inFlight = true;
    try {
      if (!(await this.store.renew(this.slot, this.fingerprint))) {
        this.stop();
      }
    } catch {
      // Redis away: the next tick tries again; if it stays away the reservation lapses, and the answer's store says so.
    } finally {
      this.inFlight = false;
    }
  }
}
