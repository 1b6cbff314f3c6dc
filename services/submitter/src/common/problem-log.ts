import type { Logger } from '@nestjs/common';

/**
 * Logs each ongoing problem once (a dead backend or bus would otherwise log every tick), and its end.
 * A problem is identified by a key; `resolved(key)` closes it.
 */
export class ProblemLog {
  private readonly open = new Set<string>();

  constructor(
    private readonly logger: Logger,
    /** Fields added to every line (e.g. the test id). */
    private readonly base: Record<string, unknown> = {},
  ) {}

  report(key: string, context: Record<string, unknown>, message: string, level: 'warn' | 'error' = 'warn'): void {
    if (!this.open.has(key)) {
      this.open.add(key);
      this.logger[level]({ ...this.base, ...context }, message);
    }
  }

  /** Closes the problem; logs `message` when it was open and a message is given. */
  resolved(key: string, message?: string): void {
    if (this.open.delete(key) && message !== undefined) {
      this.logger.log({ ...this.base, problem: key }, message);
    }
  }
}
