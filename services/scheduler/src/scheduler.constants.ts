/** Service name: logs, the bus connection, `anvil.dlq.scheduler`, the database application name. */
export const SCHEDULER_SERVICE = 'scheduler';

/** Injection token of the validated `SchedulerConfig`. */
export const SCHEDULER_CONFIG = Symbol('SCHEDULER_CONFIG');
