/** Durable consumer of `anvil.job.>` shared by every ingester replica. Never rename it while messages are in flight. */
export const JOB_EVENTS_DURABLE = 'ingester-jobs';
