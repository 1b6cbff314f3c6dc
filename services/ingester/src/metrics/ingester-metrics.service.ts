import { Inject, Injectable, Optional } from '@nestjs/common';
import { Counter, Registry } from 'prom-client';
import { METRICS_REGISTRY } from '@anvil/telemetry';

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

/**
 * The ingester's counters, as prom-client counters on the app's metrics registry (served on `/metrics`); also
 * kept as plain numbers, so `value` answers synchronously. Updated once per batch, never per event.
 */
@Injectable()
export class IngesterMetrics {
  private readonly values = new Map<IngesterCounter, number>();
  private readonly counters = new Map<IngesterCounter, Counter>();

  /** Without a registry (unit tests), on a private one. */
  constructor(@Optional() @Inject(METRICS_REGISTRY) registry: Registry = new Registry()) {
    for (const name of Object.keys(COUNTER_HELP) as IngesterCounter[]) {
      this.counters.set(name, new Counter({ name, help: COUNTER_HELP[name], registers: [registry] }));
    }
  }

  increment(counter: IngesterCounter, by = 1): void {
    if (by !== 0) {
      this.values.set(counter, this.value(counter) + by);
      this.counters.get(counter)?.inc(by);
    }
  }

  value(counter: IngesterCounter): number {
    return this.values.get(counter) ?? 0;
  }
}
