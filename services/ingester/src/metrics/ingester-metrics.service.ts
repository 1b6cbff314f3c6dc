import { Injectable } from '@nestjs/common';

/** Each counter with the help text `/metrics` shows for it. */
const COUNTER_HELP = {
  ingester_events_total: 'Job events received from the bus.',
  ingester_rejected_events_total: 'Job events dead-lettered (malformed, or refused by the database).',
  ingester_jobs_inserted_total: 'Jobs stored for the first time.',
  ingester_jobs_advanced_total: 'Stored jobs moved to a later state.',
  ingester_backwards_state_ignored_total: 'Job state changes ignored because they would go backwards or sideways.',
  ingester_duplicate_events_total: 'Job events ignored because the job already had that state.',
  ingester_expired_events_total: 'Job events ignored because the job was submitted before the retention boundary.',
  ingester_live_counter_failures_total: 'Live counter writes to Redis that failed (the test is rebuilt later).',
  ingester_partitions_dropped_total: 'Expired daily partitions of jobs dropped by this process.',
} as const;

export type IngesterCounter = keyof typeof COUNTER_HELP;

/** In-process counters, exported in the Prometheus text format on `/metrics`. */
@Injectable()
export class IngesterMetrics {
  private readonly counters = new Map<IngesterCounter, number>();

  increment(counter: IngesterCounter, by = 1): void {
    if (by !== 0) {
      this.counters.set(counter, this.value(counter) + by);
    }
  }

  value(counter: IngesterCounter): number {
    return this.counters.get(counter) ?? 0;
  }

  /** Every counter, zeros included, in the Prometheus text exposition format (0.0.4). */
  exposition(): string {
    return (Object.keys(COUNTER_HELP) as IngesterCounter[])
      .map((name) => `# HELP ${name} ${COUNTER_HELP[name]}\n# TYPE ${name} counter\n${name} ${this.value(name)}\n`)
      .join('');
  }
}
