import { Injectable } from '@nestjs/common';

export type IngesterCounter =
  | 'ingester_events_total'
  | 'ingester_rejected_events_total'
  | 'ingester_jobs_inserted_total'
  | 'ingester_jobs_advanced_total'
  | 'ingester_backwards_state_ignored_total'
  | 'ingester_duplicate_events_total'
  | 'ingester_live_counter_failures_total';

/** In-process counters, named as they will be on /metrics (Prometheus export comes later). */
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
}
