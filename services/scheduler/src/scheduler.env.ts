import { hostname } from 'node:os';
import { EnvReader } from '@anvil/config';

/** Settings of the scheduler on top of the CoreConfig. */
export interface SchedulerConfig {
  /** HTTP port for /healthz and /readyz (ANVIL_SCHEDULER_PORT). */
  readonly port: number;
  /** This replica's identity in the leader lease (ANVIL_SCHEDULER_ID). */
  readonly schedulerId: string;
  /** Lifetime of the leader lease; the standby takes over at most this long after the leader vanished. */
  readonly leaseMs: number;
  /** Period of the leader's lifecycle tick. */
  readonly tickMs: number;
  /** A submitter whose last heartbeat is older than this is dead and its running tests are reassigned. */
  readonly submitterDeadMs: number;
}

export function loadSchedulerConfig(reader = new EnvReader()): SchedulerConfig {
  return {
    port: reader.int('ANVIL_SCHEDULER_PORT', 8091, { min: 0, max: 65535 }),
    schedulerId: reader.string('ANVIL_SCHEDULER_ID', `scheduler-${hostname()}-${process.pid}`),
    leaseMs: reader.int('ANVIL_SCHEDULER_LEASE_MS', 10000, { min: 300 }),
    tickMs: reader.int('ANVIL_SCHEDULER_TICK_MS', 1000, { min: 10 }),
    submitterDeadMs: reader.int('ANVIL_SUBMITTER_DEAD_MS', 15000, { min: 100 }),
  };
}
