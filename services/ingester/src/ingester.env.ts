import { EnvReader } from '@anvil/config';

/** Ingester settings beyond `CoreConfig`. */
export interface IngesterConfig {
  /** HTTP port for /healthz and /readyz (ANVIL_INGESTER_PORT). */
  readonly port: number;
  /** How often live counters of running tests are rebuilt from `job_rollups` (ANVIL_INGESTER_RECONCILE_MS). */
  readonly reconcileMs: number;
}

export function loadIngesterConfig(reader = new EnvReader()): IngesterConfig {
  return {
    port: reader.int('ANVIL_INGESTER_PORT', 8093, { min: 0, max: 65535 }),
    reconcileMs: reader.int('ANVIL_INGESTER_RECONCILE_MS', 60_000, { min: 100 }),
  };
}
