import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { JobSpec } from '../job-spec';
import { jobEnvironment, jobScript } from '../workload/job-variables';
import { LOCAL_JOB_FILES as F } from './local-job-files.constant';
import type { LocalJobMeta } from './local-job-records';
import { localWrapperScript } from './local-wrapper-script';

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** `export NAME='value'` lines; names were checked by `parseWorkloadSpec` (or are `ANVIL_*`). */
export function shellEnvironmentFile(env: Readonly<Record<string, string>>): string {
  return Object.entries(env)
    .map(([name, value]) => `export ${name}=${shellQuote(value)}\n`)
    .join('');
}

/** Creates `dir` holding everything a job needs to run, with its stage marker at `waiting`. */
export async function writeLocalJobDir(dir: string, spec: JobSpec, meta: LocalJobMeta): Promise<void> {
  await mkdir(join(dir, F.work), { recursive: true });
  await Promise.all([
    writeFile(join(dir, F.meta), `${JSON.stringify(meta)}\n`),
    writeFile(join(dir, F.workload), `${JSON.stringify(spec.workload)}\n`),
    writeFile(join(dir, F.script), jobScript(spec.workload), { mode: 0o755 }),
    writeFile(join(dir, F.env), shellEnvironmentFile(jobEnvironment(spec.workload, spec.variables))),
    writeFile(join(dir, F.wrapper), localWrapperScript(meta.timeLimitSeconds), { mode: 0o755 }),
    writeFile(join(dir, F.waiting), ''),
  ]);
}
