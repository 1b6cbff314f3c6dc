import type { ErrorClassName } from '../backend-job-status';
import type { Distribution } from './distribution';

/** How one simulated queue behaves; stored as the queue's `backend_config` when its backend is `sim`. */
export interface SimQueueModel {
  /** Probability in [0, 1] that a job fails. */
  readonly failureProbability: number;
  /** Seconds a job waits in the queue before it starts. */
  readonly queueWaitSeconds: Distribution;
  /** Seconds a successful job runs. */
  readonly runSeconds: Distribution;
  /** When set, failing jobs fail after this many seconds of running (a black hole); otherwise part-way through. */
  readonly failFastSeconds?: number;
  /** Class of this queue's failures. */
  readonly errorClass: ErrorClassName;
  /** Messages failing jobs report (one picked per job); a default list per class otherwise. */
  readonly errorMessages?: readonly string[];
  /** Events processed per second of running (the benchmark figure); default 10. */
  readonly eventsPerSecond?: number;
}
