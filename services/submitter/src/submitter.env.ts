import { hostname } from 'node:os';
import { ConfigException, EnvReader } from '@anvil/config';
import { isSubjectToken } from '@anvil/contracts';

/** Settings of the submitter on top of the CoreConfig. */
export interface SubmitterConfig {
  /** HTTP port for /healthz and /readyz (ANVIL_SUBMITTER_PORT). */
  readonly port: number;
  /** This submitter's identity: its heartbeat member, its tests' `submitter_id`, a subject token (ANVIL_SUBMITTER_ID). */
  readonly submitterId: string;
  /** Period of the keepers' poll / top-up tick (ANVIL_SUBMITTER_TICK_MS). */
  readonly tickMs: number;
  /** Period of the database reconciliation of owned tests (ANVIL_SUBMITTER_RECONCILE_MS). */
  readonly reconcileMs: number;
  /** Period of the Redis heartbeat (ANVIL_SUBMITTER_HEARTBEAT_MS); well below the scheduler's ANVIL_SUBMITTER_DEAD_MS. */
  readonly heartbeatMs: number;
  /** A job its backend has not known for this long is `lost` (ANVIL_SUBMITTER_LOST_AFTER_MS). */
  readonly lostAfterMs: number;
  /** Most jobs one keeper submits to one queue per tick, so a deep stress profile ramps up (ANVIL_SUBMITTER_MAX_SUBMIT_PER_TICK). */
  readonly maxSubmitPerTick: number;
  /** Seed of the simulated grid (ANVIL_SIM_SEED). */
  readonly simSeed: number;
}

export function loadSubmitterConfig(reader = new EnvReader()): SubmitterConfig {
  // Host names may hold dots (FQDNs): the default keeps only subject-token characters.
  const submitterId = reader.string('ANVIL_SUBMITTER_ID', `submitter-${hostname().replace(/[^A-Za-z0-9_-]/g, '-')}`);
  if (!isSubjectToken(submitterId)) {
    throw new ConfigException(
      'ANVIL_SUBMITTER_ID',
      `must be a subject token ([A-Za-z0-9_-]+), got ${JSON.stringify(submitterId)}`,
    );
  }
  return {
    port: reader.int('ANVIL_SUBMITTER_PORT', 8092, { min: 0, max: 65535 }),
    submitterId,
    tickMs: reader.int('ANVIL_SUBMITTER_TICK_MS', 1000, { min: 10 }),
    reconcileMs: reader.int('ANVIL_SUBMITTER_RECONCILE_MS', 5000, { min: 100 }),
    heartbeatMs: reader.int('ANVIL_SUBMITTER_HEARTBEAT_MS', 2000, { min: 100 }),
    lostAfterMs: reader.int('ANVIL_SUBMITTER_LOST_AFTER_MS', 120_000, { min: 0 }),
    maxSubmitPerTick: reader.int('ANVIL_SUBMITTER_MAX_SUBMIT_PER_TICK', 50, { min: 1 }),
    simSeed: reader.int('ANVIL_SIM_SEED', 42),
  };
}
