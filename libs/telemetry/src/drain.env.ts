import { ConfigException, EnvReader } from '@anvil/config';

/** How a service stops on SIGTERM (see `installGracefulShutdown`). */
export interface DrainConfig {
  /**
   * ANVIL_DRAIN_DELAY_MS: after SIGTERM, how long the service keeps serving with `/readyz` at 503 before it
   * closes its HTTP server — the load balancer's time to notice (HAProxy: at least fall × inter).
   */
  readonly delayMs: number;
  /** ANVIL_DRAIN_QUIET_MS: after the delay, it also waits until no request (other than a probe) came for this long. */
  readonly quietMs: number;
  /**
   * ANVIL_SHUTDOWN_TIMEOUT_MS: the whole shutdown's bound. The drain gets at most half of it; past the bound the
   * process exits with code 1 whatever is still running.
   */
  readonly timeoutMs: number;
}

/** No load balancer in front: close at once. Services behind one pass their own defaults to `bootstrapService`. */
export const NO_DRAIN: Pick<DrainConfig, 'delayMs' | 'quietMs'> = { delayMs: 0, quietMs: 0 };

export function loadDrainConfig(
  defaults: Pick<DrainConfig, 'delayMs' | 'quietMs'> = NO_DRAIN,
  reader = new EnvReader(),
): DrainConfig {
  const config = {
    delayMs: reader.int('ANVIL_DRAIN_DELAY_MS', defaults.delayMs, { min: 0, max: 600_000 }),
    quietMs: reader.int('ANVIL_DRAIN_QUIET_MS', defaults.quietMs, { min: 0, max: 600_000 }),
    timeoutMs: reader.int('ANVIL_SHUTDOWN_TIMEOUT_MS', 15_000, { min: 1000, max: 3_600_000 }),
  };
  if (config.delayMs + config.quietMs > config.timeoutMs / 2) {
    throw new ConfigException(
      'ANVIL_SHUTDOWN_TIMEOUT_MS',
      `must be at least twice ANVIL_DRAIN_DELAY_MS + ANVIL_DRAIN_QUIET_MS (${config.delayMs} + ${config.quietMs} ms), got ${config.timeoutMs}`,
    );
  }
  return config;
}
