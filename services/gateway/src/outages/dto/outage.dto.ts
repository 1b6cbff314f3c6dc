import type { OutageState } from '../outage-states.constant';

/** One row of `outages`: a mass failure during which the decider froze new exclusions. */
export class OutageDto {
  id!: string;
  /** What the breaker watched, e.g. `global` or `site:CERN`. */
  scope!: string;
  state!: OutageState;
  openedAt!: Date;
  closedAt!: Date | null;
  reason!: string;
  /** Failing queues, counts and thresholds (as the decider stored them). */
  evidence!: Record<string, unknown>;
}
