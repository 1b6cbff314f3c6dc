import type { JobCountersDto } from './dto/job-counters.dto';
import { failPercent } from './fail-percent.util';
import type { JobStateCounts } from './job-state-counts';

/** Counters with their fail percentage. */
export function jobCounters(counts: JobStateCounts): JobCountersDto {
  const { submitted, running, completed, failed, cancelled, lost, total } = counts;
  return { submitted, running, completed, failed, cancelled, lost, total, failPercent: failPercent(completed, failed) };
}

/** Sums counters over queues; the fail percentage is recomputed from the sums, not averaged. */
export function sumJobCounters(rows: readonly JobStateCounts[]): JobCountersDto {
  const sum: JobStateCounts = { submitted: 0, running: 0, completed: 0, failed: 0, cancelled: 0, lost: 0, total: 0 };
  for (const row of rows) {
    sum.submitted += row.submitted;
    sum.running += row.running;
    sum.completed += row.completed;
    sum.failed += row.failed;
    sum.cancelled += row.cancelled;
    sum.lost += row.lost;
    sum.total += row.total;
  }
  return jobCounters(sum);
}
