import { isFinalJobState, type JobStateName } from '@anvil/contracts';
import type { JobUpdate } from './job-update.type';
import type { RollupDelta } from './rollup-delta.type';

const HOUR_MS = 3_600_000;

type MutableRollupDelta = {
  -readonly [K in keyof RollupDelta]: K extends 'counts' ? Record<JobStateName, number> : RollupDelta[K];
};

/** Sums the effect of new jobs and state changes on `job_rollups`, one delta per rollup row. */
export class RollupDeltaAccumulator {
  private readonly rows = new Map<string, MutableRollupDelta>();

  /** A job stored for the first time: counted in the total and in its state. */
  added(job: JobUpdate): void {
    const row = this.row(job);
    row.total += 1;
    row.counts[job.state] += 1;
    this.addFinalMetrics(row, job);
  }

  /** A stored job moved forward from `from` to `job.state`. */
  moved(job: JobUpdate, from: JobStateName): void {
    const row = this.row(job);
    row.counts[from] -= 1;
    row.counts[job.state] += 1;
    this.addFinalMetrics(row, job);
  }

  /** The deltas, sorted by (test, queue, hour): the order rows are locked in, so two writers never deadlock. */
  deltas(): RollupDelta[] {
    return [...this.rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
  }

  private addFinalMetrics(row: MutableRollupDelta, job: JobUpdate): void {
    if (isFinalJobState(job.state)) {
      row.wallSeconds += job.wallSeconds ?? 0;
      row.cpuSeconds += job.cpuSeconds ?? 0;
      row.events += job.events ?? 0n;
    }
  }

  private row(job: JobUpdate): MutableRollupDelta {
    const hourMs = Math.floor(job.submittedAt.getTime() / HOUR_MS) * HOUR_MS;
    // Sortable key: uuid, queue id (no spaces in a subject token), hour in ms (13 digits until the year 2286).
    const key = `${job.testId} ${job.queueId} ${hourMs}`;
    let row = this.rows.get(key);
    if (row === undefined) {
      row = {
        testId: job.testId,
        queueId: job.queueId,
        hour: new Date(hourMs),
        counts: { submitted: 0, running: 0, completed: 0, failed: 0, cancelled: 0, lost: 0 },
        total: 0,
        wallSeconds: 0,
        cpuSeconds: 0,
        events: 0n,
      };
      this.rows.set(key, row);
    }
    return row;
  }
}
