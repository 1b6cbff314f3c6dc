/** Service name: logs, the bus connection, `anvil.dlq.decider`, the database application name, the lease. */
export const DECIDER_SERVICE = 'decider';

/** Injection token of the validated `DeciderConfig`. */
export const DECIDER_CONFIG = Symbol('DECIDER_CONFIG');

/** Durable consumer of final job states (`ANVIL_JOBS`). */
export const JOB_OUTCOMES_DURABLE = 'decider-job-outcomes';

/** Durable consumer of override commands (`ANVIL_DECISIONS`). */
export const OVERRIDES_DURABLE = 'decider-overrides';

/** The `actor` of decisions the decider takes on its own (policy, guard). */
export const DECIDER_ACTOR = 'decider';
