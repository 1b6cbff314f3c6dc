import { mkdir, readdir, readlink, rm, rmdir, stat, symlink, unlink } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import type { BackendJobStatus } from '../backend-job-status';
import { readTailIfPresent, readTextIfPresent, writeFileAtomic } from '../files/fs.util';
import { parseExitFile, parseStartedFile, parseTimeFile } from './parse-slurm-job-files.util';
import { SlurmBackendErrorCode, SlurmBackendException } from './slurm-backend.exception';
import { SLURM_JOB_FILES as F, SLURM_JOB_INDEX_DIR } from './slurm-job-files.constant';
import type { SlurmJobResult } from './slurm-job-result';
import type { StoredSlurmJob } from './stored-slurm-job';

/** The files a job directory starts with. */
export interface NewSlurmJobFiles {
  readonly job: StoredSlurmJob;
  readonly workloadScript: string;
  readonly batchScript: string;
}

// Test and job ids become directory names: no separators, no leading dot.
const PATH_SEGMENT = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;
// Outputs are judged by their last megabyte (metrics: last match wins).
const OUTPUT_TAIL_BYTES = 1024 * 1024;

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

async function ignoreMissing<T>(promise: Promise<T>): Promise<T | undefined> {
  try {
    return await promise;
  } catch (error) {
    if (isMissing(error)) {
      return undefined;
    }
    throw error;
  }
}

function checkedSegment(name: string, id: string): string {
  if (!PATH_SEGMENT.test(id)) {
    throw new SlurmBackendException(
      SlurmBackendErrorCode.InvalidId,
      `the slurm backend cannot use ${name} ${JSON.stringify(id)} as a directory name`,
    );
  }
  return id;
}

// A file that is not JSON (edited by hand, say) counts as missing rather than failing every poll.
function parseJson<T>(text: string | undefined): T | undefined {
  if (text === undefined) {
    return undefined;
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

// `status.json` as JSON gives it back: times as ISO strings.
type StoredStatus = Omit<BackendJobStatus, 'startedAt' | 'finishedAt'> & { startedAt?: string; finishedAt?: string };

function reviveStatus({ startedAt, finishedAt, ...rest }: StoredStatus): BackendJobStatus {
  return {
    ...rest,
    ...(startedAt === undefined ? {} : { startedAt: new Date(startedAt) }),
    ...(finishedAt === undefined ? {} : { finishedAt: new Date(finishedAt) }),
  };
}

/**
 * The backend's files under `workDir`: one directory per job (`<testId>/<jobId>/`, see SLURM_JOB_FILES) and
 * an index from Slurm job id to job directory (`.slurm-job-ids/<id>`, a symlink), so that a job is found
 * (and judged) after Slurm has forgotten it.
 */
export class SlurmJobDirRepository {
  constructor(private readonly workDir: string) {}

  /** The directory of a job; throws when an id cannot be a directory name. */
  jobDir(testId: string, jobId: string): string {
    return join(this.testDir(testId), checkedSegment('job id', jobId));
  }

  async exists(dir: string): Promise<boolean> {
    return (await ignoreMissing(stat(dir))) !== undefined;
  }

  /** Creates the job directory (or replaces its files, each atomically) with the job's spec and scripts. */
  async write(dir: string, files: NewSlurmJobFiles): Promise<void> {
    await mkdir(dir, { recursive: true });
    await writeFileAtomic(join(dir, F.job), `${JSON.stringify(files.job, null, 2)}\n`);
    await writeFileAtomic(join(dir, F.workload), files.workloadScript, 0o755);
    await writeFileAtomic(join(dir, F.batch), files.batchScript, 0o755);
  }

  async remove(dir: string): Promise<void> {
    await rm(dir, { recursive: true, force: true });
  }

  async readSlurmJobId(dir: string): Promise<string | undefined> {
    return (await readTextIfPresent(join(dir, F.slurmJobId)))?.trim() || undefined;
  }

  /** Records the Slurm job id in the job directory and in the index. */
  async recordSlurmJobId(dir: string, slurmJobId: string): Promise<void> {
    await writeFileAtomic(join(dir, F.slurmJobId), `${slurmJobId}\n`);
    const indexDir = join(this.workDir, SLURM_JOB_INDEX_DIR);
    await mkdir(indexDir, { recursive: true });
    const link = join(indexDir, slurmJobId);
    // Slurm reuses ids after its state is reset: the newest job wins.
    await ignoreMissing(unlink(link));
    await symlink(relative(indexDir, dir), link);
  }

  /** The directory of a Slurm job this backend submitted, if it still has one. */
  async dirOfSlurmJob(slurmJobId: string): Promise<string | undefined> {
    const link = join(this.workDir, SLURM_JOB_INDEX_DIR, slurmJobId);
    const target = await ignoreMissing(readlink(link));
    return target === undefined ? undefined : resolve(this.workDir, SLURM_JOB_INDEX_DIR, target);
  }

  /** The job's `job.json`, or undefined when the directory has none. */
  async readJob(dir: string): Promise<StoredSlurmJob | undefined> {
    return parseJson<StoredSlurmJob>(await readTextIfPresent(join(dir, F.job)));
  }

  /** What the batch script and Slurm left in the directory so far. */
  async readResult(dir: string): Promise<SlurmJobResult> {
    const [started, exit, time, stdout, stderr] = await Promise.all([
      readTextIfPresent(join(dir, F.started)),
      readTextIfPresent(join(dir, F.exit)),
      readTextIfPresent(join(dir, F.time)),
      readTailIfPresent(join(dir, F.stdout), OUTPUT_TAIL_BYTES),
      readTailIfPresent(join(dir, F.stderr), OUTPUT_TAIL_BYTES),
    ]);
    const startedMs = started === undefined ? undefined : parseStartedFile(started);
    const parsedExit = exit === undefined ? undefined : parseExitFile(exit);
    return {
      ...(startedMs === undefined ? {} : { startedMs }),
      ...(parsedExit === undefined ? {} : { exit: parsedExit }),
      ...(time === undefined ? {} : { usage: parseTimeFile(time) }),
      stdout: stdout ?? '',
      stderr: stderr ?? '',
    };
  }

  async readFinalStatus(dir: string): Promise<BackendJobStatus | undefined> {
    const stored = parseJson<StoredStatus>(await readTextIfPresent(join(dir, F.status)));
    return stored === undefined ? undefined : reviveStatus(stored);
  }

  async writeFinalStatus(dir: string, status: BackendJobStatus): Promise<void> {
    await writeFileAtomic(join(dir, F.status), `${JSON.stringify(status, null, 2)}\n`);
  }

  /** The job directories of a test. */
  async testJobDirs(testId: string): Promise<string[]> {
    const testDir = this.testDir(testId);
    const entries = (await ignoreMissing(readdir(testDir, { withFileTypes: true }))) ?? [];
    return entries.filter((entry) => entry.isDirectory()).map((entry) => join(testDir, entry.name));
  }

  /**
   * Removes the directories (and index entries) of jobs that ended more than `retainMs` ago, then test
   * directories left empty. A directory that cannot be removed is tried again on the next sweep.
   */
  async sweep(nowMs: number, retainMs: number): Promise<void> {
    const indexDir = join(this.workDir, SLURM_JOB_INDEX_DIR);
    for (const slurmJobId of (await ignoreMissing(readdir(indexDir))) ?? []) {
      try {
        const dir = await this.dirOfSlurmJob(slurmJobId);
        if (dir === undefined) {
          continue;
        }
        const gone = !(await this.exists(dir));
        const endedMs = gone ? undefined : await this.endedMs(dir);
        if (gone || (endedMs !== undefined && nowMs - endedMs >= retainMs)) {
          await this.remove(dir);
          await unlink(join(indexDir, slurmJobId));
          await rmdir(dirname(dir)).catch(() => undefined);
        }
      } catch {
        // Left for the next sweep.
      }
    }
  }

  private testDir(testId: string): string {
    return join(this.workDir, checkedSegment('test id', testId));
  }

  private async endedMs(dir: string): Promise<number | undefined> {
    const status = await this.readFinalStatus(dir);
    if (status?.finishedAt !== undefined) {
      return status.finishedAt.getTime();
    }
    const exit = await readTextIfPresent(join(dir, F.exit));
    return exit === undefined ? undefined : parseExitFile(exit)?.endedMs;
  }
}
