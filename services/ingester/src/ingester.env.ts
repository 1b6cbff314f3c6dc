import { EnvReader } from '@anvil/config';

/** Ingester settings beyond `CoreConfig`. */
export interface IngesterConfig {
  /** HTTP port for /healthz, /readyz and /metrics (ANVIL_INGESTER_PORT). */
  readonly port: number;
  /** How often live counters of running tests are rebuilt from `job_rollups` (ANVIL_INGESTER_RECONCILE_MS). */
  readonly reconcileMs: number;
  /**
   * Whole UTC days of job detail kept before today; older daily partitions of `jobs` are dropped, rollups are kept
   * (ANVIL_JOB_RETENTION_DAYS).
   */
  readonly jobRetentionDays: number;
  /** How often partitions are created ahead and expired ones dropped (ANVIL_PARTITION_MAINTENANCE_MS). */
  readonly partitionMaintenanceMs: number;
}

export function loadIngesterConfig(reader = new EnvReader()): IngesterConfig {
  return {
    port: reader.int('ANVIL_INGESTER_PORT', 8093, { min: 0, max: 65535 }),
    reconcileMs: reader.int('ANVIL_INGESTER_RECONCILE_MS', 60_000, { min: 100 }),
    jobRetentionDays: reader.int('ANVIL_JOB_RETENTION_DAYS', 90, { min: 1, max: 36_500 }),
    partitionMaintenanceMs: reader.int('ANVIL_PARTITION_MAINTENANCE_MS', 3_600_000, { min: 1_000 }),
  };
}
