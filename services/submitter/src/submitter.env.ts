import { hostname } from 'node:os';
import { isAbsolute } from 'node:path';
import { loadScenario, type ScenarioDescription } from '@anvil/backends';
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
  /** With no heartbeat through for this long, keepers stop submitting (ANVIL_SUBMITTER_STALE_AFTER_MS). */
  readonly staleAfterMs: number;
  /** A job its backend has not known for this long is `lost` (ANVIL_SUBMITTER_LOST_AFTER_MS). */
  readonly lostAfterMs: number;
  /** Most jobs one keeper submits to one queue per tick, so a deep stress profile ramps up (ANVIL_SUBMITTER_MAX_SUBMIT_PER_TICK). */
  readonly maxSubmitPerTick: number;
  /** Seed of the simulated grid (ANVIL_SIM_SEED). */
  readonly simSeed: number;
  /** A scenario the simulated grid replays live: a catalogue name or a file (ANVIL_SIM_SCENARIO). */
  readonly simScenario: ScenarioDescription | undefined;
  /** Scenario seconds per real second (ANVIL_SIM_TIME_SCALE). */
  readonly simTimeScale: number;
  /** Scenario hour a new replay starts at (ANVIL_SIM_START_HOUR). */
  readonly simStartHour: number;
  /** Job directories of the local backend (ANVIL_LOCAL_WORK_DIR). */
  readonly localWorkDir: string;
  /** Job directories of the slurm backend, shared with the compute nodes (ANVIL_SLURM_WORK_DIR). */
  readonly slurmWorkDir: string;
  /** Each sbatch/squeue/scancel is killed after this long (ANVIL_SLURM_COMMAND_TIMEOUT_MS). */
  readonly slurmCommandTimeoutMs: number;
  /** PanDA server (ANVIL_PANDA_URL); without it the panda backend is unavailable. */
  readonly pandaUrl: string | undefined;
  /** File holding PanDA's OIDC token, read before each request so it can be refreshed (ANVIL_PANDA_TOKEN_FILE). */
  readonly pandaTokenFile: string | undefined;
  /** Virtual organisation sent to PanDA (ANVIL_PANDA_VO). */
  readonly pandaVo: string | undefined;
  /** Namespace of Kubernetes Jobs for queues that name none (ANVIL_KUBERNETES_NAMESPACE). */
  readonly kubernetesNamespace: string;
  /** Kubeconfig file (ANVIL_KUBECONFIG); without it the default ($KUBECONFIG, ~/.kube/config, in-cluster). */
  readonly kubeconfig: string | undefined;
}

function absolute(name: string, path: string): string {
  if (!isAbsolute(path)) {
    throw new ConfigException(name, `must be an absolute path, got ${JSON.stringify(path)}`);
  }
  return path;
}

function scenario(nameOrPath: string | undefined): ScenarioDescription | undefined {
  try {
    return nameOrPath === undefined ? undefined : loadScenario(nameOrPath);
  } catch (error) {
    throw new ConfigException('ANVIL_SIM_SCENARIO', (error as Error).message);
  }
}

function optional(reader: EnvReader, name: string): string | undefined {
  const value = reader.string(name, '');
  return value === '' ? undefined : value;
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
  const simScenario = scenario(optional(reader, 'ANVIL_SIM_SCENARIO'));
  const simStartHour = reader.int('ANVIL_SIM_START_HOUR', 0, { min: 0 });
  if (simScenario !== undefined && simStartHour >= simScenario.durationHours) {
    throw new ConfigException(
      'ANVIL_SIM_START_HOUR',
      `must be below the scenario's ${simScenario.durationHours} hours, got ${simStartHour}`,
    );
  }
  const pandaUrl = optional(reader, 'ANVIL_PANDA_URL');
  const pandaTokenFile = optional(reader, 'ANVIL_PANDA_TOKEN_FILE');
  if ((pandaUrl === undefined) !== (pandaTokenFile === undefined)) {
    const missing = pandaUrl === undefined ? 'ANVIL_PANDA_URL' : 'ANVIL_PANDA_TOKEN_FILE';
    throw new ConfigException(missing, 'must be set too: the panda backend needs both its URL and its token file');
  }
  const heartbeatMs = reader.int('ANVIL_SUBMITTER_HEARTBEAT_MS', 2000, { min: 100 });
  const staleAfterMs = reader.int('ANVIL_SUBMITTER_STALE_AFTER_MS', 10_000, { min: 100 });
  if (staleAfterMs <= heartbeatMs) {
    throw new ConfigException(
      'ANVIL_SUBMITTER_STALE_AFTER_MS',
      `must be above ANVIL_SUBMITTER_HEARTBEAT_MS (${heartbeatMs}), got ${staleAfterMs}`,
    );
  }
  return {
    port: reader.int('ANVIL_SUBMITTER_PORT', 8092, { min: 0, max: 65535 }),
    submitterId,
    tickMs: reader.int('ANVIL_SUBMITTER_TICK_MS', 1000, { min: 10 }),
    reconcileMs: reader.int('ANVIL_SUBMITTER_RECONCILE_MS', 5000, { min: 100 }),
    heartbeatMs,
    staleAfterMs,
    lostAfterMs: reader.int('ANVIL_SUBMITTER_LOST_AFTER_MS', 120_000, { min: 0 }),
    maxSubmitPerTick: reader.int('ANVIL_SUBMITTER_MAX_SUBMIT_PER_TICK', 50, { min: 1 }),
    simSeed: reader.int('ANVIL_SIM_SEED', 42),
    simScenario,
    simTimeScale: reader.int('ANVIL_SIM_TIME_SCALE', 60, { min: 1 }),
    simStartHour,
    localWorkDir: absolute('ANVIL_LOCAL_WORK_DIR', reader.string('ANVIL_LOCAL_WORK_DIR', '/var/tmp/anvil/local')),
    slurmWorkDir: absolute('ANVIL_SLURM_WORK_DIR', reader.string('ANVIL_SLURM_WORK_DIR', '/var/tmp/anvil/slurm')),
    slurmCommandTimeoutMs: reader.int('ANVIL_SLURM_COMMAND_TIMEOUT_MS', 30_000, { min: 100 }),
    pandaUrl,
    pandaTokenFile,
    pandaVo: optional(reader, 'ANVIL_PANDA_VO'),
    kubernetesNamespace: reader.string('ANVIL_KUBERNETES_NAMESPACE', 'anvil'),
    kubeconfig: optional(reader, 'ANVIL_KUBECONFIG'),
  };
}
