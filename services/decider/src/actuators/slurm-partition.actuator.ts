import { SlurmSettingsException } from './slurm-settings.exception';
import { execFile } from 'node:child_process';
import type { QueueActuator, QueueStatusChange } from './queue-actuator';
import { SlurmPartitionErrorCode, SlurmPartitionException } from './slurm-partition.exception';
import {
  type AllowGroups,
  formatAllowGroups,
  parseAllowGroups,
  parsePartitionLine,
  planPartitionChange,
  readSlurmQueueConfig,
  sameAllowGroups,
  showPartitionArgs,
  updateAllowGroupsArgs,
} from './slurm-partition.util';

export interface SlurmPartitionActuatorSettings {
  /** Unix group of the test submitter: the only group that may submit to an excluded partition. */
  readonly testGroup: string;
  /** `AllowGroups` of an online partition, as in slurm.conf; default `ALL`. */
  readonly onlineAllowGroups?: string;
  /** Path or name (looked up in PATH) of `scontrol`; default `scontrol`. */
  readonly scontrolPath?: string;
  /** Kill `scontrol` after this long; default 10 s. */
  readonly timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * Takes a Slurm queue out of production by setting its partition to test-only: `AllowGroups=<test
 * group>`, so the test submitter's jobs still run (and recovery can be seen) while every other user's
 * submissions are rejected and their pending jobs wait (`Reason=PartitionConfig`). Online sets the
 * configured open `AllowGroups` back. A partition whose `AllowGroups` is neither was changed by an
 * operator: the actuator reports that instead of overwriting it. Needs Slurm operator rights (root or
 * SlurmUser) on a host whose slurm.conf points at the controller. See docs/slurm.md.
 */
export class SlurmPartitionActuator implements QueueActuator {
  readonly name = 'slurm';

  private readonly online: AllowGroups;
  private readonly excluded: AllowGroups;
  private readonly scontrolPath: string;
  private readonly timeoutMs: number;
  // One change at a time per partition, so an exclusion and a recovery never interleave their reads and writes.
  private readonly inFlight = new Map<string, Promise<void>>();

  constructor(settings: SlurmPartitionActuatorSettings) {
    const excluded = parseAllowGroups(settings.testGroup);
    if (excluded === 'ALL' || excluded.size !== 1) {
      throw new SlurmSettingsException(
        'testGroup',
        `Slurm actuator: testGroup must be one unix group, got "${settings.testGroup}"`,
      );
    }
    this.excluded = excluded;
    this.online = parseAllowGroups(settings.onlineAllowGroups ?? 'ALL');
    if (sameAllowGroups(this.online, this.excluded)) {
      throw new SlurmSettingsException(
        'onlineAllowGroups',
        'Slurm actuator: onlineAllowGroups must differ from the test group',
      );
    }
    this.scontrolPath = settings.scontrolPath ?? 'scontrol';
    this.timeoutMs = settings.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (!Number.isInteger(this.timeoutMs) || this.timeoutMs <= 0) {
      throw new SlurmSettingsException(
        'timeoutMs',
        `Slurm actuator: timeoutMs must be a positive integer, got ${settings.timeoutMs}`,
      );
    }
  }

  handles(change: QueueStatusChange): boolean {
    return change.backend === 'slurm';
  }

  async apply(change: QueueStatusChange): Promise<void> {
    const { partition } = readSlurmQueueConfig(change.backendConfig);
    const previous = this.inFlight.get(partition) ?? Promise.resolve();
    const current = previous.catch(() => undefined).then(() => this.applyTo(partition, change));
    this.inFlight.set(partition, current);
    try {
      await current;
    } finally {
      if (this.inFlight.get(partition) === current) {
        this.inFlight.delete(partition);
      }
    }
  }

  private async applyTo(partition: string, change: QueueStatusChange): Promise<void> {
    const plan = planPartitionChange(await this.readAllowGroups(partition), change.status, {
      online: this.online,
      excluded: this.excluded,
    });
    switch (plan.kind) {
      case 'unchanged':
        return;
      case 'conflict':
        throw new SlurmPartitionException(
          SlurmPartitionErrorCode.ForeignRestriction,
          partition,
          `partition ${partition} has AllowGroups=${plan.found}, which Anvil did not set (online: ` +
            `${formatAllowGroups(this.online)}, excluded: ${formatAllowGroups(this.excluded)}); ` +
            `not changing it to make queue ${change.queueId} ${change.status}`,
        );
      case 'update': {
        await this.scontrol(partition, updateAllowGroupsArgs(partition, plan.allowGroups));
        const after = await this.readAllowGroups(partition);
        if (!sameAllowGroups(after, plan.allowGroups)) {
          throw new SlurmPartitionException(
            SlurmPartitionErrorCode.ScontrolFailed,
            partition,
            `partition ${partition} has AllowGroups=${formatAllowGroups(after)} after setting ` +
              `${formatAllowGroups(plan.allowGroups)}`,
          );
        }
        return;
      }
    }
  }

  private async readAllowGroups(partition: string): Promise<AllowGroups> {
    const output = await this.scontrol(partition, showPartitionArgs(partition));
    const value = parsePartitionLine(output).get('AllowGroups');
    if (value === undefined) {
      throw new SlurmPartitionException(
        SlurmPartitionErrorCode.ScontrolFailed,
        partition,
        `scontrol shows no AllowGroups for partition ${partition}`,
      );
    }
    return parseAllowGroups(value);
  }

  /** Runs scontrol (no shell) and returns its stdout, or throws naming the partition. */
  private scontrol(partition: string, args: string[]): Promise<string> {
    return new Promise((resolve, reject) => {
      execFile(
        this.scontrolPath,
        args,
        { timeout: this.timeoutMs, killSignal: 'SIGKILL', encoding: 'utf8' },
        (error, stdout, stderr) => {
          if (error === null) {
            resolve(stdout);
            return;
          }
          const said = `${stderr} ${stdout}`.replace(/\s+/g, ' ').trim();
          const command = `scontrol ${args.join(' ')}`;
          if (/not found|invalid partition name/i.test(said)) {
            reject(
              new SlurmPartitionException(
                SlurmPartitionErrorCode.PartitionNotFound,
                partition,
                `Slurm partition ${partition} does not exist (${command}: ${said})`,
              ),
            );
            return;
          }
          const why = error.killed
            ? `timed out after ${this.timeoutMs} ms`
            : error.code === 'ENOENT'
              ? `could not run: ${this.scontrolPath} not found`
              : `failed: ${said || error.message}`;
          reject(
            new SlurmPartitionException(
              SlurmPartitionErrorCode.ScontrolFailed,
              partition,
              `${command} for Slurm partition ${partition} ${why}`,
            ),
          );
        },
      );
    });
  }
}
