import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { LOCAL_JOB_FILES as F } from './local-job-files.constant';
import type { LocalJobKey } from './local-job-key';
import { publishFileOnce, readdirIfPresent, readJsonIfPresent } from '../files/fs.util';
import { currentBootId, isProcessAlive } from './local-host.util';
import type { LocalJobCancel, LocalJobEnd, LocalJobMeta, LocalJobProcess } from './local-job-records';

/** Where a job is: waiting for a slot, claimed by a backend that is starting it, or started by its wrapper. */
export type LocalJobStage = 'waiting' | 'claimed' | 'started';

/** A job directory as read at one moment. */
export interface LocalJobSnapshot {
  readonly dir: string;
  readonly key: LocalJobKey;
  readonly meta: LocalJobMeta;
  /** Undefined only while another process renames the marker. */
  readonly stage?: LocalJobStage;
  /** The wrapper's process, once it recorded it. */
  readonly wrapper?: LocalJobProcess;
  readonly end?: LocalJobEnd;
  readonly cancel?: LocalJobCancel;
}

/** A claim or start older than this, with no process to show for it, belongs to a process that died. */
export const LOCAL_STALE_CLAIM_MS = 60_000;

const STAGES: readonly LocalJobStage[] = ['started', 'claimed', 'waiting'];

/** When the job reached its final state, or undefined while it is not final. */
export function localJobFinalMs(job: LocalJobSnapshot): number | undefined {
  if (job.end !== undefined) {
    return job.end.finishedAtMs;
  }
  // Cancelled before any backend claimed it: it never runs.
  return job.stage === 'waiting' ? job.cancel?.cancelledAtMs : undefined;
}

/** Milliseconds since a file's last change (a rename counts), or undefined when it is gone. */
export async function fileAgeMs(path: string): Promise<number | undefined> {
  const info = await stat(path).catch(() => undefined);
  return info === undefined ? undefined : Date.now() - Math.max(info.mtimeMs, info.ctimeMs);
}

async function hasVanished(dir: string, wrapper: LocalJobProcess | undefined): Promise<boolean> {
  if (wrapper === undefined) {
    // The wrapper records its process right after it starts; give it time before calling it dead.
    const age = await fileAgeMs(join(dir, F.started));
    return age !== undefined && age > LOCAL_STALE_CLAIM_MS;
  }
  return wrapper.bootId !== (await currentBootId()) || !(await isProcessAlive(wrapper.pid));
}

/**
 * Reads a job directory; undefined when there is no such job (or it is being deleted). A started job whose
 * processes are gone without an end (host reboot, killed wrapper) gets a `vanished` end recorded at `nowMs`.
 */
export async function readLocalJob(
  dir: string,
  key: LocalJobKey,
  nowMs: number,
): Promise<LocalJobSnapshot | undefined> {
  const names = await readdirIfPresent(dir);
  if (names === undefined || !names.includes(F.meta)) {
    return undefined;
  }
  const read = <T>(name: string): Promise<T | undefined> =>
    names.includes(name) ? readJsonIfPresent<T>(join(dir, name)) : Promise.resolve(undefined);
  const [meta, wrapper, cancel] = await Promise.all([
    read<LocalJobMeta>(F.meta),
    read<LocalJobProcess>(F.process),
    read<LocalJobCancel>(F.cancel),
  ]);
  if (meta === undefined) {
    return undefined;
  }
  const stage = STAGES.find((s) => names.includes(F[s]));
  let end = await read<LocalJobEnd>(F.end);
  if (end === undefined && stage === 'started' && (await hasVanished(dir, wrapper))) {
    // Fails (and we read the wrapper's end) when the wrapper wrote its end just before it exited.
    const vanished: LocalJobEnd = { finishedAtMs: nowMs, ran: true, vanished: true };
    await publishFileOnce(join(dir, F.end), `${JSON.stringify(vanished)}\n`);
    end = await readJsonIfPresent<LocalJobEnd>(join(dir, F.end));
  }
  return { dir, key, meta, stage, wrapper, end, cancel };
}
