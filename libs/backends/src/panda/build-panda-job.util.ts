import type { JobSpec } from '../job-spec';
import { jobEnvironment, jobScript } from '../workload/job-variables';
import { judgingWorkload, readJudgingWorkload } from '../workload/judging-workload.util';
import {
  PANDA_FILE_ATTRIBUTES,
  PANDA_JOB_ATTRIBUTES,
  PANDA_NULL,
  type PandaFileAttribute,
  type PandaJobAttribute,
} from './panda-job-attributes.constant';
import { DEFAULT_PANDA_PROD_SOURCE_LABEL, type PandaQueueConfig } from './panda-queue-config';
import type { WorkloadSpec } from '../workload/workload-spec';

type Scalar = string | number;

/** The PanDA job name of an Anvil job: it carries the test, queue and job ids (`anvil.<test>.<queue>.<job>`). */
export function pandaJobName(spec: Pick<JobSpec, 'testId' | 'queueId' | 'jobId'>): string {
  return `anvil.${spec.testId}.${spec.queueId}.${spec.jobId}`;
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

/**
 * The job parameters: two base64 words that survive the pilot's `./<transformation> <jobParameters>` command
 * line. The first is the job's bash script; PanDA jobs carry no environment of their own, so it exports the
 * job's `ANVIL_*` and workload variables first. The second holds the workload's judging part (error rules,
 * success exit codes) for `poll`, which PanDA returns with the job; the transformation ignores it.
 */
export function pandaJobParameters(spec: JobSpec): string {
  const exports = Object.entries(jobEnvironment(spec.workload, spec.variables))
    .map(([name, value]) => `export ${name}=${shellQuote(value)}`)
    .join('\n');
  const script = `#!/bin/bash\n${exports}\n${jobScript(spec.workload)}`;
  return `${base64(script)} ${base64(JSON.stringify(judgingWorkload(spec.workload)))}`;
}

/** The judging part stored in a job's parameters by `pandaJobParameters` (`{}` when there is none). */
export function judgingWorkloadOfPandaJob(jobParameters: string | undefined): WorkloadSpec {
  const word = jobParameters?.trim().split(/\s+/)[1];
  return readJudgingWorkload(word === undefined ? undefined : Buffer.from(word, 'base64').toString('utf8'));
}

function positional<TName extends string>(names: readonly TName[], values: Partial<Record<TName, Scalar>>): Scalar[] {
  return names.map((name) => values[name] ?? PANDA_NULL);
}

/**
 * One job as `JobUtils.dump_jobs_json` serialises a `JobSpec`: its attribute values by position, unset ones
 * as "NULL", then its files (each a `FileSpec`'s values by position, then a null owner).
 */
export function buildPandaJob(spec: JobSpec, config: PandaQueueConfig, vo: string | undefined): unknown[] {
  const jobName = pandaJobName(spec);
  const resources = spec.workload.resources;
  const job: Partial<Record<PandaJobAttribute, Scalar>> = {
    jobDefinitionID: 0,
    jobName,
    transformation: config.transformation,
    prodSourceLabel: config.prodSourceLabel ?? DEFAULT_PANDA_PROD_SOURCE_LABEL,
    computingSite: config.computingSite,
    jobParameters: pandaJobParameters(spec),
    coreCount: resources?.cores ?? 1,
    ...(vo === undefined ? {} : { VO: vo }),
    ...(resources?.memoryMb === undefined ? {} : { minRamCount: resources.memoryMb, minRamUnit: 'MB' }),
    ...(resources?.timeLimitSeconds === undefined ? {} : { maxWalltime: resources.timeLimitSeconds }),
    ...(spec.workload.image === undefined ? {} : { container_name: spec.workload.image }),
    ...(config.logDataset === undefined
      ? {}
      : { destinationDBlock: config.logDataset, destinationSE: config.computingSite }),
  };
  const files: unknown[][] = [];
  if (config.logDataset !== undefined) {
    const log: Partial<Record<PandaFileAttribute, Scalar>> = {
      lfn: `${jobName}.log.tgz`,
      type: 'log',
      dataset: config.logDataset,
      destinationDBlock: config.logDataset,
      destinationSE: config.computingSite,
    };
    files.push([...positional(PANDA_FILE_ATTRIBUTES, log), null]);
  }
  return [...positional(PANDA_JOB_ATTRIBUTES, job), files];
}
