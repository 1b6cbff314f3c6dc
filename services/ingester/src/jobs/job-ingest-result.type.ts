import type { RollupDelta } from './rollup-delta.type';

/** What one committed batch did to `jobs` `job_rollups` and `queue_daily_rollups`. */
export interface JobIngestResult {
  /** Jobs stored for the first time. */
  readonly inserted: number;
  /** Stored jobs moved to a higher-ranked state. */
  readonly advanced: number;
  /** Updates ignored because the stored job was already at a higher rank, or in another final state. */
  readonly backwardsIgnored: number;
  /** Updates ignored because the stored job already had that state (redelivery, duplicate publish). */
  readonly duplicates: number;
  /** Updates ignored because the job was submitted before the retention boundary (its detail was dropped). */
  readonly expired: number;
  /** The changes applied to `job_rollups`, for the live counters. */
  readonly rollupDeltas: RollupDelta[];
}
