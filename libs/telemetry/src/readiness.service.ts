import { Injectable } from '@nestjs/common';

/** Ready unless draining: a replica that got SIGTERM answers 503 on /readyz while it finishes its work. */
@Injectable()
export class ReadinessService {
  private draining = false;

  setDraining(): void {
    this.draining = true;
  }

  isReady(): boolean {
    return !this.draining;
  }
}
