/** Where a test's counters were read: the Redis live counters, or `job_rollups` summed when those are missing. */
export const COUNTERS_FROM = ['live', 'rollups'] as const;

export type CountersFrom = (typeof COUNTERS_FROM)[number];
