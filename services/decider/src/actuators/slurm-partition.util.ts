// Pure helpers of the Slurm actuator: the queue's backend config, `scontrol` arguments and output, and
// the decision which `AllowGroups` a partition must get. No I/O here.
import { SlurmPartitionErrorCode, SlurmPartitionException } from './slurm-partition.exception';

/** A Slurm queue's `backend_config`. */
export interface SlurmQueueConfig {
  readonly partition: string;
  readonly account?: string;
  readonly qos?: string;
}

/** `AllowGroups` of a partition: everyone, or a set of unix groups. */
export type AllowGroups = 'ALL' | ReadonlySet<string>;

/** What the actuator must do to a partition. */
export type PartitionPlan =
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'update'; readonly allowGroups: AllowGroups }
  | { readonly kind: 'conflict'; readonly found: string };

// Slurm names: no spaces, `=` or `,` (those would split `scontrol` key=value arguments).
const SLURM_NAME = /^[A-Za-z0-9_.+-]+$/;
// POSIX-ish unix group names.
const GROUP_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

export function readSlurmQueueConfig(config: Readonly<Record<string, unknown>>): SlurmQueueConfig {
  const { partition, account, qos } = config;
  const invalid = (problem: string): SlurmPartitionException =>
    new SlurmPartitionException(
      SlurmPartitionErrorCode.InvalidBackendConfig,
      typeof partition === 'string' ? partition : '',
      `invalid Slurm backendConfig: ${problem}`,
    );
  if (typeof partition !== 'string' || !SLURM_NAME.test(partition)) {
    throw invalid(`partition must be a Slurm partition name, got ${JSON.stringify(partition)}`);
  }
  for (const [field, value] of [
    ['account', account],
    ['qos', qos],
  ] as const) {
    if (value !== undefined && (typeof value !== 'string' || !SLURM_NAME.test(value))) {
      throw invalid(`${field} of partition ${partition} must be a Slurm name, got ${JSON.stringify(value)}`);
    }
  }
  return {
    partition,
    ...(account === undefined ? {} : { account: account as string }),
    ...(qos === undefined ? {} : { qos: qos as string }),
  };
}

/** `ALL` or a comma-separated list of unix group names, as `scontrol` and slurm.conf write it. */
export function parseAllowGroups(value: string): AllowGroups {
  const trimmed = value.trim();
  if (trimmed.toUpperCase() === 'ALL') {
    return 'ALL';
  }
  const groups = trimmed.split(',').map((group) => group.trim());
  if (groups.length === 0 || groups.some((group) => !GROUP_NAME.test(group))) {
    throw new Error(`AllowGroups must be ALL or a comma-separated list of unix groups, got "${value}"`);
  }
  return new Set(groups);
}

export function formatAllowGroups(groups: AllowGroups): string {
  return groups === 'ALL' ? 'ALL' : [...groups].sort().join(',');
}

export function sameAllowGroups(a: AllowGroups, b: AllowGroups): boolean {
  return formatAllowGroups(a) === formatAllowGroups(b);
}

/** `scontrol` arguments that print one partition as one `Key=Value …` line. */
export function showPartitionArgs(partition: string): string[] {
  return ['--oneliner', 'show', 'partition', partition];
}

/** `scontrol` arguments that set a partition's `AllowGroups`. */
export function updateAllowGroupsArgs(partition: string, groups: AllowGroups): string[] {
  return ['update', `PartitionName=${partition}`, `AllowGroups=${formatAllowGroups(groups)}`];
}

/**
 * The fields of `scontrol --oneliner show partition <p>` output (`PartitionName=p AllowGroups=ALL …`).
 * Values contain no spaces; a value may contain `=` (`TRES=cpu=2,mem=1G`), so only the first one splits.
 */
export function parsePartitionLine(output: string): Map<string, string> {
  const line = output.split('\n').find((candidate) => candidate.startsWith('PartitionName='));
  if (line === undefined) {
    throw new Error(`no PartitionName= line in scontrol output: "${output.trim().slice(0, 200)}"`);
  }
  const fields = new Map<string, string>();
  for (const token of line.trim().split(/\s+/)) {
    const eq = token.indexOf('=');
    if (eq > 0) {
      fields.set(token.slice(0, eq), token.slice(eq + 1));
    }
  }
  return fields;
}

/**
 * Which `AllowGroups` the partition must get. The actuator owns exactly two states: `online` (the
 * configured open setting, usually ALL) and `excluded` (only the test group). Anything else was set by
 * an operator, and is reported as a conflict rather than overwritten (restoring "online" over it could
 * open a partition to users an operator shut out).
 */
export function planPartitionChange(
  current: AllowGroups,
  status: 'online' | 'excluded',
  settings: { readonly online: AllowGroups; readonly excluded: AllowGroups },
): PartitionPlan {
  const target = status === 'online' ? settings.online : settings.excluded;
  if (sameAllowGroups(current, target)) {
    return { kind: 'unchanged' };
  }
  if (sameAllowGroups(current, settings.online) || sameAllowGroups(current, settings.excluded)) {
    return { kind: 'update', allowGroups: target };
  }
  return { kind: 'conflict', found: formatAllowGroups(current) };
}
