import type { SlurmQueueConfig } from './slurm-queue-config';
import type { WorkloadResources } from '../workload/workload-spec';
import { SlurmBackendErrorCode, SlurmBackendException } from './slurm-backend.exception';
import { SLURM_JOB_FILES as F } from './slurm-job-files.constant';
import { SLURM_JOB_ID } from './squeue.util';

/** What `sbatch` is told about one job. */
export interface SbatchArgsInput {
  readonly jobId: string;
  readonly testId: string;
  readonly queueId: string;
  readonly jobDir: string;
  readonly queue: SlurmQueueConfig;
  readonly resources?: WorkloadResources;
}

/** Slurm's job name for an Anvil job: how a job whose id was never recorded is found again. */
export function slurmJobName(jobId: string): string {
  return `anvil-${jobId}`;
}

/** The `--comment` of a job: its test, queue and job ids, for whoever reads `squeue`/`scontrol`. */
export function slurmJobComment(input: Pick<SbatchArgsInput, 'jobId' | 'testId' | 'queueId'>): string {
  return `anvil test=${input.testId} queue=${input.queueId} job=${input.jobId}`;
}

/**
 * `sbatch` arguments for a job (the batch script last). `--time` is the time limit rounded up to minutes
 * (Slurm's resolution); `--export=NIL` keeps the submitter's environment (its secrets) out of the job;
 * `--no-requeue` makes a node failure end the job (NODE_FAIL, a site failure) instead of hiding it.
 */
export function sbatchArgs(input: SbatchArgsInput): string[] {
  const { queue, resources } = input;
  return [
    '--parsable',
    `--job-name=${slurmJobName(input.jobId)}`,
    `--comment=${slurmJobComment(input)}`,
    `--partition=${queue.partition}`,
    ...(queue.account === undefined ? [] : [`--account=${queue.account}`]),
    ...(queue.qos === undefined ? [] : [`--qos=${queue.qos}`]),
    ...(resources?.timeLimitSeconds === undefined ? [] : [`--time=${Math.ceil(resources.timeLimitSeconds / 60)}`]),
    '--nodes=1',
    '--ntasks=1',
    `--cpus-per-task=${resources?.cores ?? 1}`,
    ...(resources?.memoryMb === undefined ? [] : [`--mem=${resources.memoryMb}M`]),
    `--output=${input.jobDir}/${F.stdout}`,
    `--error=${input.jobDir}/${F.stderr}`,
    `--chdir=${input.jobDir}`,
    '--export=NIL',
    '--no-requeue',
    `${input.jobDir}/${F.batch}`,
  ];
}

/** Slurm's job id from `sbatch --parsable` output (`<id>` or `<id>;<cluster>`). */
export function parseSbatchOutput(stdout: string): string {
  const id = stdout.trim().split(';')[0] ?? '';
  if (!SLURM_JOB_ID.test(id)) {
    throw new SlurmBackendException(
      SlurmBackendErrorCode.UnexpectedOutput,
      `sbatch --parsable printed "${stdout.trim().slice(0, 200)}" instead of a job id`,
    );
  }
  return id;
}
