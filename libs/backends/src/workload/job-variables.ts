import type { WorkloadSpec } from './workload-spec';

/** What a job knows about itself; substituted into its workload and exported as `ANVIL_*` variables. */
export interface JobVariables {
  readonly testId: string;
  readonly queueId: string;
  readonly queueName: string;
  readonly siteId: string;
  readonly jobId: string;
  /** 0-based ordinal of the job among its test's jobs on its queue. */
  readonly jobIndex: number;
  readonly backend: string;
}

const VARIABLE = /\$\{([a-z]+(?:\.[a-z]+)?)\}/g;

/** The `${name}` table of a job. */
export function variableTable(v: JobVariables): Readonly<Record<string, string>> {
  return {
    'test.id': v.testId,
    'queue.id': v.queueId,
    'queue.name': v.queueName,
    'site.id': v.siteId,
    'job.id': v.jobId,
    'job.index': String(v.jobIndex),
    backend: v.backend,
  };
}

/** `text` with every known `${name}` replaced; unknown names are left as they are. */
export function expandVariables(text: string, v: JobVariables): string {
  const table = variableTable(v);
  return text.replace(VARIABLE, (whole, name: string) => table[name] ?? whole);
}

/** Input paths of the workload with variables expanded, in order. */
export function inputPaths(workload: WorkloadSpec, v: JobVariables): string[] {
  return (workload.inputs ?? []).map((input) => expandVariables(input.path, v));
}

/**
 * The job's environment on top of the host's: `ANVIL_TEST_ID`, `ANVIL_QUEUE_ID`, `ANVIL_QUEUE_NAME`,
 * `ANVIL_SITE_ID`, `ANVIL_JOB_ID`, `ANVIL_JOB_INDEX`, `ANVIL_BACKEND`, `ANVIL_INPUT_<i>` (and `ANVIL_INPUTS`,
 * space-separated), then the workload's `env` with variables expanded (it may override the others).
 */
export function jobEnvironment(workload: WorkloadSpec, v: JobVariables): Record<string, string> {
  const inputs = inputPaths(workload, v);
  const env: Record<string, string> = {
    ANVIL_TEST_ID: v.testId,
    ANVIL_QUEUE_ID: v.queueId,
    ANVIL_QUEUE_NAME: v.queueName,
    ANVIL_SITE_ID: v.siteId,
    ANVIL_JOB_ID: v.jobId,
    ANVIL_JOB_INDEX: String(v.jobIndex),
    ANVIL_BACKEND: v.backend,
    ANVIL_INPUTS: inputs.join(' '),
  };
  inputs.forEach((path, i) => (env[`ANVIL_INPUT_${i}`] = path));
  for (const [name, value] of Object.entries(workload.env ?? {})) {
    env[name] = expandVariables(value, v);
  }
  return env;
}

/** The environment variable each job variable is exported as. */
const ENVIRONMENT_NAMES: Readonly<Record<string, string>> = {
  'test.id': 'ANVIL_TEST_ID',
  'queue.id': 'ANVIL_QUEUE_ID',
  'queue.name': 'ANVIL_QUEUE_NAME',
  'site.id': 'ANVIL_SITE_ID',
  'job.id': 'ANVIL_JOB_ID',
  'job.index': 'ANVIL_JOB_INDEX',
  backend: 'ANVIL_BACKEND',
};

/**
 * The bash script a job runs: the workload's script, or its command line. Each job variable becomes a reference
 * to its environment variable (`${queue.name}` → `${ANVIL_QUEUE_NAME}`), which every backend exports before the
 * script runs: a value (a queue name, say) is never parsed as shell code.
 */
export function jobScript(workload: WorkloadSpec): string {
  const body = (workload.script ?? workload.command ?? '').replace(VARIABLE, (whole, name: string) =>
    ENVIRONMENT_NAMES[name] === undefined ? whole : `\${${ENVIRONMENT_NAMES[name]}}`,
  );
  return `#!/bin/bash\n${body}\n`;
}
