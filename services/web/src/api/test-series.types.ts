// The series behind the test page's plots: GET /api/v1/tests/:id/timeline and GET /api/v1/tests/:id/stats; and its
// queues' latest errors: GET /api/v1/tests/:id/errors. They mirror the gateway's DTOs
// (services/gateway/src/tests/dto/test-timeline.dto.ts, timeline-bucket.dto.ts, test-stats.dto.ts,
// wall-time-histogram.dto.ts, wall-time-bin.dto.ts, queue-stats.dto.ts, test-errors.dto.ts, queue-error.dto.ts).

/**
 * Where a final state is counted: `finish`, the bucket the job finished in; `submission`, the bucket it was
 * submitted in (long or very large tests, read from the hourly rollups).
 */
export type TimelineCountedBy = 'finish' | 'submission';

/** `GET /api/v1/tests/:id/timeline`: the test's jobs in equal buckets from its start to its end (or now). */
export interface TestTimeline {
  testId: string;
  /** Start of the first bucket (ISO-8601). */
  from: string;
  /** End of the last bucket. */
  to: string;
  bucketSeconds: number;
  countedBy: TimelineCountedBy;
  /** Every bucket in time order, empty ones included. */
  buckets: TimelineBucket[];
}

export interface TimelineBucket {
  /** Start of the bucket (ISO-8601); it lasts `bucketSeconds`. */
  at: string;
  submitted: number;
  completed: number;
  failed: number;
  cancelled: number;
  lost: number;
}

/** `GET /api/v1/tests/:id/stats`: the wall-time histogram of the finished jobs, and per queue wall time and rate. */
export interface TestStats {
  testId: string;
  /** null: every job counted; else only jobs submitted from this hour on (the newest ~200,000 finished ones). */
  submittedSince: string | null;
  wallTime: WallTimeHistogram;
  /** Queues with finished jobs, by queue id. */
  queues: QueueStats[];
}

export interface WallTimeHistogram {
  /** Completed and failed jobs with a wall time. */
  jobs: number;
  /** Width of every bin; null without jobs. */
  binSeconds: number | null;
  meanSeconds: number | null;
  /** From the shortest wall time's bin to the longest's, empty bins included (at most 31). */
  bins: WallTimeBin[];
}

/** Finished jobs whose wall time is in `[fromSeconds, toSeconds)`. */
export interface WallTimeBin {
  fromSeconds: number;
  toSeconds: number;
  completed: number;
  failed: number;
}

export interface QueueStats {
  queueId: string;
  /** Completed jobs with a wall time. */
  completed: number;
  /** Failed jobs with a wall time. */
  failed: number;
  meanWallSeconds: number | null;
  /** CPU time over wall time (0–1 per core); null when no job reported CPU time. */
  cpuEfficiency: number | null;
  /** Mean of events ÷ wall time over the completed jobs that reported events; null when none did. */
  eventsPerSecond: number | null;
}

/** `GET /api/v1/tests/:id/errors`: each queue's latest failed job of the test. */
export interface TestErrors {
  /** null: every job read; else only jobs submitted from this hour on (the newest ~200,000 finished ones). */
  submittedSince: string | null;
  /** One per queue with a failed job (queues without are absent), by queue id. */
  items: QueueError[];
}

export interface QueueError {
  queueId: string;
  jobId: string;
  /** When the job failed (its finish time, else its submission time). */
  at: string;
  exitCode: number | null;
  errorClass: 'site' | 'central' | 'workload' | 'unknown' | null;
  errorMessage: string | null;
}
