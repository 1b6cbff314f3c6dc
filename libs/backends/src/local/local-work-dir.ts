import { join } from 'node:path';
import { jobKeyName, parseJobKeyName, type LocalJobKey } from './local-job-key';

const HINT_TIME_DIGITS = 15;

/**
 * Where the local backend keeps its state, so that any process on the host can take a job over:
 *
 * - `tests/<testId>/<jobId>/`: one directory per job (see `LOCAL_JOB_FILES`), grouped by test so that
 *   `jobsOfTest` reads one directory;
 * - `queues/<queueId>/slots`: the queue's slot count as last submitted;
 * - `queues/<queueId>/waiting/<acceptedAtMs>.<testId>.<jobId>`: hints of the queue's waiting jobs, oldest first;
 * - `queues/<queueId>/pool-<slots>/{free,held}/`: the queue's slot tokens (see `LocalSlotPool`);
 * - `tmp/`: job directories being written or deleted.
 */
export class LocalWorkDir {
  constructor(readonly root: string) {}

  get testsDir(): string {
    return join(this.root, 'tests');
  }

  get tmpDir(): string {
    return join(this.root, 'tmp');
  }

  testDir(testId: string): string {
    return join(this.testsDir, testId);
  }

  jobDir(key: LocalJobKey): string {
    return join(this.testDir(key.testId), key.jobId);
  }

  queueDir(queueId: string): string {
    return join(this.root, 'queues', queueId);
  }

  slotsFile(queueId: string): string {
    return join(this.queueDir(queueId), 'slots');
  }

  waitingDir(queueId: string): string {
    return join(this.queueDir(queueId), 'waiting');
  }

  /** A hint's name sorts by acceptance time, so the oldest waiting job starts first. */
  waitingHint(queueId: string, key: LocalJobKey, acceptedAtMs: number): string {
    return join(this.waitingDir(queueId), `${String(acceptedAtMs).padStart(HINT_TIME_DIGITS, '0')}.${jobKeyName(key)}`);
  }

  poolDir(queueId: string, slots: number): string {
    return join(this.queueDir(queueId), `pool-${slots}`);
  }
}

/** The job a waiting hint's file name points at, or undefined when the name is not a hint. */
export function waitingHintJobKey(hintName: string): LocalJobKey | undefined {
  return /^\d+\./.test(hintName) ? parseJobKeyName(hintName.slice(hintName.indexOf('.') + 1)) : undefined;
}
