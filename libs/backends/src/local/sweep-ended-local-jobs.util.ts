import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isFsError, readdirIfPresent } from '../files/fs.util';
import { fileAgeMs, localJobFinalMs, readLocalJob } from './local-job-snapshot';
import type { LocalWorkDir } from './local-work-dir';

/** Leftovers in `tmp/` (a process died while writing or deleting a job directory) go after this long. */
const TMP_MAX_AGE_MS = 3_600_000;

async function removeDir(workDir: LocalWorkDir, dir: string): Promise<void> {
  // Moved aside first, so no reader ever sees a half-deleted job.
  const trash = join(workDir.tmpDir, `deleted-${randomBytes(6).toString('hex')}`);
  try {
    await rename(dir, trash);
  } catch (error) {
    if (isFsError(error, 'ENOENT')) {
      return;
    }
    throw error;
  }
  await rm(trash, { recursive: true, force: true });
}

/**
 * Deletes the directories of jobs that have been final for longer than `retainFinalMs` (and test directories
 * left empty). It reads every job on disk: call it rarely.
 */
export async function sweepEndedLocalJobs(workDir: LocalWorkDir, nowMs: number, retainFinalMs: number): Promise<void> {
  await mkdir(workDir.tmpDir, { recursive: true });
  for (const testId of (await readdirIfPresent(workDir.testsDir)) ?? []) {
    for (const jobId of (await readdirIfPresent(workDir.testDir(testId))) ?? []) {
      const key = { testId, jobId };
      const job = await readLocalJob(workDir.jobDir(key), key, nowMs);
      const finalMs = job === undefined ? undefined : localJobFinalMs(job);
      if (finalMs !== undefined && nowMs - finalMs > retainFinalMs) {
        await removeDir(workDir, workDir.jobDir(key));
      }
    }
    // Fails while the test still has jobs; a submission racing with this retries (see LocalBackend.submit).
    await rmdir(workDir.testDir(testId)).catch(() => undefined);
  }
  for (const name of (await readdirIfPresent(workDir.tmpDir)) ?? []) {
    if (((await fileAgeMs(join(workDir.tmpDir, name))) ?? 0) > TMP_MAX_AGE_MS) {
      await rm(join(workDir.tmpDir, name), { recursive: true, force: true });
    }
  }
}
