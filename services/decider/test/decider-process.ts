import { ServiceProcess } from '@anvil/testing';
import { policyFile, TEST_POLICY } from './test-policy';

export interface DeciderEnv {
  readonly id: string;
  /** Preset name or file; default the tests' own policy (`TEST_POLICY`). */
  readonly policy?: string;
  readonly tickMs?: number;
  readonly leaseMs?: number;
  readonly batchSize?: number;
  readonly extra?: Record<string, string>;
}

/** A decider replica as a real process from the built code (`npx tsc -b services/decider`). */
export function startDecider(base: Record<string, string>, options: DeciderEnv): ServiceProcess {
  return ServiceProcess.start(
    'decider',
    {
      ...base,
      ANVIL_DECIDER_ID: options.id,
      ANVIL_DECIDER_PORT: '0',
      ANVIL_DECIDER_POLICY: options.policy ?? policyFile(TEST_POLICY),
      ANVIL_DECIDER_TICK_MS: String(options.tickMs ?? 500),
      ANVIL_DECIDER_LEASE_MS: String(options.leaseMs ?? 3000),
      ANVIL_DECIDER_BATCH_SIZE: String(options.batchSize ?? 500),
      ANVIL_LOG_LEVEL: 'debug',
      ...options.extra,
    },
    options.id,
  );
}

/** Rethrows `error` with the processes' output, so a failed assertion shows what the deciders did. */
export function withOutput(processes: readonly (ServiceProcess | undefined)[]): (error: unknown) => never {
  return (error: unknown) => {
    const output = processes
      .filter((p): p is ServiceProcess => p !== undefined)
      .map((p) => {
        // Without the timer's lines, which would hide everything else.
        const logs = p.logs.filter((line) => line.message !== 'tick' && line.message !== 'job batch decided');
        const stderr = p.describe().split('\nlast logs:')[0];
        return `${stderr}\nlast logs but ticks and batches:\n${logs
          .slice(-30)
          .map((l) => JSON.stringify(l))
          .join('\n')}`;
      })
      .join('\n\n');
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n\n${output}`);
  };
}
