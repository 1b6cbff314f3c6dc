import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { launchLocalJob } from './launch-local-job.util';
import { readdirIfPresent, readTextIfPresent, renameIfPresent, unlinkIfPresent } from '../files/fs.util';
import { LOCAL_JOB_FILES as F } from './local-job-files.constant';
import type { LocalJobKey } from './local-job-key';
import type { LocalJobMeta } from './local-job-records';
import { fileAgeMs, LOCAL_STALE_CLAIM_MS, readLocalJob } from './local-job-snapshot';
import { LocalSlotPool, type LocalSlotToken } from './local-slot-pool';
import { waitingHintJobKey, type LocalWorkDir } from './local-work-dir';

/**
 * Starts a queue's waiting jobs while it has free slots. Any backend on the host may run it at any time:
 * slots are claimed through `LocalSlotPool` and a job through the rename of its `waiting` marker, so no job
 * starts twice and no slot is given twice.
 */
export class LocalQueueStarter {
  constructor(
    private readonly workDir: LocalWorkDir,
    private readonly clock: () => number,
  ) {}

  /** Records a waiting job so that the next start of its queue finds it. */
  async addWaiting(meta: LocalJobMeta): Promise<void> {
    await mkdir(this.workDir.waitingDir(meta.queueId), { recursive: true });
    await writeFile(this.workDir.waitingHint(meta.queueId, meta, meta.acceptedAtMs), '');
  }

  /** Releases the slots of jobs that ended, then starts waiting jobs, oldest first, while slots are free. */
  async startWaitingJobs(queueId: string): Promise<void> {
    const slots = Number((await readTextIfPresent(this.workDir.slotsFile(queueId))) ?? '1');
    const pool = await LocalSlotPool.open(this.workDir.poolDir(queueId, slots), slots);
    await this.releaseEnded(pool);
    const waitingDir = this.workDir.waitingDir(queueId);
    for (const hint of ((await readdirIfPresent(waitingDir)) ?? []).sort()) {
      const key = waitingHintJobKey(hint);
      if (key !== undefined && !(await this.tryStart(pool, key))) {
        return;
      }
      await unlinkIfPresent(join(waitingDir, hint));
    }
  }

  /** False when no slot is free; true when the job started, or no longer waits. */
  private async tryStart(pool: LocalSlotPool, key: LocalJobKey): Promise<boolean> {
    const dir = this.workDir.jobDir(key);
    const names = await readdirIfPresent(dir);
    if (names === undefined || !names.includes(F.waiting) || names.includes(F.cancel)) {
      return true;
    }
    const token = await pool.claim(key);
    if (token === undefined) {
      return false;
    }
    if (!(await renameIfPresent(join(dir, F.waiting), join(dir, F.claimed)))) {
      await pool.release(token); // another backend claimed the job first
      return true;
    }
    try {
      await launchLocalJob(dir);
    } catch (error) {
      await this.unclaim(pool, token);
      throw error;
    }
    return true;
  }

  /** Puts a claimed job that did not start back to waiting, and frees its slot. */
  private async unclaim(pool: LocalSlotPool, token: LocalSlotToken): Promise<void> {
    const dir = this.workDir.jobDir(token.key);
    if (await renameIfPresent(join(dir, F.claimed), join(dir, F.waiting))) {
      const job = await readLocalJob(dir, token.key, this.clock());
      if (job !== undefined) {
        await this.addWaiting(job.meta);
      }
      await pool.release(token);
    }
  }

  /** Frees slots whose job ended, vanished, or was claimed by a process that died before starting it. */
  private async releaseEnded(pool: LocalSlotPool): Promise<void> {
    for (const token of await pool.held()) {
      const job = await readLocalJob(this.workDir.jobDir(token.key), token.key, this.clock());
      if (job === undefined || job.end !== undefined) {
        await pool.release(token);
      } else if (job.stage === 'waiting' && ((await fileAgeMs(token.path)) ?? 0) > LOCAL_STALE_CLAIM_MS) {
        await pool.release(token);
      } else if (job.stage === 'claimed' && ((await fileAgeMs(join(job.dir, F.claimed))) ?? 0) > LOCAL_STALE_CLAIM_MS) {
        await this.unclaim(pool, token);
      }
    }
  }
}
