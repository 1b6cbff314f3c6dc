import { Injectable } from '@nestjs/common';

/**
 * Ready unless draining or held: a replica that got SIGTERM answers 503 on /readyz while it finishes its work, and a
 * service may hold readiness back while it starts (e.g. until its setup in an external system is done).
 */
@Injectable()
export class ReadinessService {
  private draining = false;
  private readonly holds = new Set<symbol>();

  setDraining(): void {
    this.draining = true;
  }

  /** Not ready until the returned function is called (`reason` only names the hold). */
  hold(reason: string): () => void {
    const key = Symbol(reason);
    this.holds.add(key);
    return () => this.holds.delete(key);
  }

  isDraining(): boolean {
    return this.draining;
  }

  isReady(): boolean {
    return !this.draining && this.holds.size === 0;
  }
}
