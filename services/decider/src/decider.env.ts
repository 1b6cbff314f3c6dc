import { hostname } from 'node:os';
import { ConfigException, EnvReader } from '@anvil/config';

export const ACTUATOR_NAMES = ['queue-status', 'webhook', 'slurm'] as const;
export type ActuatorName = (typeof ACTUATOR_NAMES)[number];

/** Settings of the decider on top of the CoreConfig. */
export interface DeciderConfig {
  /** HTTP port for /healthz and /readyz (ANVIL_DECIDER_PORT; 0 picks a free one). */
  readonly port: number;
  /** This replica's identity in the leader lease (ANVIL_DECIDER_ID). */
  readonly deciderId: string;
  /** Preset name or path of a .json/.yaml policy document (ANVIL_DECIDER_POLICY). */
  readonly policySource: string;
  /** Period of the engine's timer: time-based recovery, outage close, override expiry (ANVIL_DECIDER_TICK_MS). */
  readonly tickMs: number;
  /** Lifetime of the leader lease (ANVIL_DECIDER_LEASE_MS): the standby takes over within lease + one tick. */
  readonly leaseMs: number;
  /** Most job events per transaction (ANVIL_DECIDER_BATCH_SIZE). */
  readonly batchSize: number;
  /** How often the engine state is checkpointed (ANVIL_DECIDER_CHECKPOINT_MS); a restart replays at most this long. */
  readonly checkpointMs: number;
  /** Actuators acting on enforced status changes; `queue-status` is always on (ANVIL_DECIDER_ACTUATORS). */
  readonly actuators: readonly ActuatorName[];
  /** Where the webhook actuator POSTs (ANVIL_DECIDER_WEBHOOK_URL); required when `webhook` is on. */
  readonly webhookUrl: string;
  /** Timeout of one webhook call (ANVIL_DECIDER_WEBHOOK_TIMEOUT_MS). */
  readonly webhookTimeoutMs: number;
  /** Attempts of an external actuation before it is given up and marked failed (ANVIL_DECIDER_ACTUATION_ATTEMPTS). */
  readonly actuationAttempts: number;
  /** The Slurm actuator's settings (docs/slurm.md). */
  readonly slurm: {
    /** ANVIL_DECIDER_SLURM_TEST_GROUP: the only unix group allowed on an excluded partition. */
    readonly testGroup: string;
    /** ANVIL_DECIDER_SLURM_ONLINE_ALLOW_GROUPS: `AllowGroups` of an online partition. */
    readonly onlineAllowGroups: string;
    /** ANVIL_DECIDER_SLURM_SCONTROL: path or name of `scontrol`. */
    readonly scontrolPath: string;
    /** ANVIL_DECIDER_SLURM_TIMEOUT_MS: `scontrol` is killed after this long. */
    readonly timeoutMs: number;
  };
}

export function loadDeciderConfig(reader = new EnvReader()): DeciderConfig {
  const actuators = parseActuators(reader.string('ANVIL_DECIDER_ACTUATORS', 'queue-status'));
  const webhookUrl = actuators.includes('webhook')
    ? reader.url('ANVIL_DECIDER_WEBHOOK_URL', reader.string('ANVIL_DECIDER_WEBHOOK_URL'), ['http', 'https'])
    : '';
  return {
    port: reader.int('ANVIL_DECIDER_PORT', 8095, { min: 0, max: 65535 }),
    deciderId: reader.string('ANVIL_DECIDER_ID', `decider-${hostname()}-${process.pid}`),
    policySource: reader.string('ANVIL_DECIDER_POLICY', 'anvil-default'),
    tickMs: reader.int('ANVIL_DECIDER_TICK_MS', 1000, { min: 10 }),
    leaseMs: reader.int('ANVIL_DECIDER_LEASE_MS', 10_000, { min: 300 }),
    batchSize: reader.int('ANVIL_DECIDER_BATCH_SIZE', 500, { min: 1, max: 10_000 }),
    checkpointMs: reader.int('ANVIL_DECIDER_CHECKPOINT_MS', 60_000, { min: 100 }),
    actuators,
    webhookUrl,
    webhookTimeoutMs: reader.int('ANVIL_DECIDER_WEBHOOK_TIMEOUT_MS', 5000, { min: 100 }),
    actuationAttempts: reader.int('ANVIL_DECIDER_ACTUATION_ATTEMPTS', 20, { min: 1 }),
    slurm: {
      testGroup: reader.string('ANVIL_DECIDER_SLURM_TEST_GROUP', 'anvil-test'),
      onlineAllowGroups: reader.string('ANVIL_DECIDER_SLURM_ONLINE_ALLOW_GROUPS', 'ALL'),
      scontrolPath: reader.string('ANVIL_DECIDER_SLURM_SCONTROL', 'scontrol'),
      timeoutMs: reader.int('ANVIL_DECIDER_SLURM_TIMEOUT_MS', 10_000, { min: 100 }),
    },
  };
}

function parseActuators(raw: string): ActuatorName[] {
  const names = raw
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  for (const name of names) {
    if (!(ACTUATOR_NAMES as readonly string[]).includes(name)) {
      throw new ConfigException(
        'ANVIL_DECIDER_ACTUATORS',
        `unknown actuator ${JSON.stringify(name)} (known: ${ACTUATOR_NAMES.join(', ')})`,
      );
    }
  }
  return [...new Set<ActuatorName>(['queue-status', ...(names as ActuatorName[])])];
}
