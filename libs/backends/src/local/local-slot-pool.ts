import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isFsError, readdirIfPresent, renameIfPresent } from '../files/fs.util';
import { jobKeyName, parseJobKeyName, type LocalJobKey } from './local-job-key';

/** A slot a job holds: token `held/<slot>.<testId>.<jobId>`. */
export interface LocalSlotToken {
  readonly slot: string;
  readonly key: LocalJobKey;
  readonly path: string;
}

/**
 * The slots of one queue as files, shared by every process on the host: `free/<slot>` for each free slot,
 * `held/<slot>.<testId>.<jobId>` for each held one. Claiming renames a free token to a held one, releasing
 * renames it back; each token exists exactly once and its held name is unique to the job, so two processes
 * never claim one slot, nor release it twice.
 */
export class LocalSlotPool {
  private constructor(private readonly dir: string) {}

  /** The pool in `dir`, created with `slots` free tokens when it does not exist. */
  static async open(dir: string, slots: number): Promise<LocalSlotPool> {
    const pool = new LocalSlotPool(dir);
    if ((await readdirIfPresent(join(dir, 'free'))) === undefined) {
      // Built aside and renamed into place, so a pool appears whole and only once.
      const draft = `${dir}.draft-${randomBytes(4).toString('hex')}`;
      await mkdir(join(draft, 'held'), { recursive: true });
      await mkdir(join(draft, 'free'));
      await Promise.all(Array.from({ length: slots }, (_, slot) => writeFile(join(draft, 'free', String(slot)), '')));
      try {
        await rename(draft, dir);
      } catch (error) {
        if (!isFsError(error, 'EEXIST', 'ENOTEMPTY')) {
          throw error;
        }
        await rm(draft, { recursive: true, force: true });
      }
    }
    return pool;
  }

  /** Claims a free slot for the job; undefined when every slot is held. */
  async claim(key: LocalJobKey): Promise<LocalSlotToken | undefined> {
    for (const slot of (await readdirIfPresent(join(this.dir, 'free'))) ?? []) {
      const token = this.token(slot, key);
      if (await renameIfPresent(join(this.dir, 'free', slot), token.path)) {
        return token;
      }
    }
    return undefined;
  }

  /** Frees the slot; a token another process released first is fine. */
  async release(token: LocalSlotToken): Promise<void> {
    await renameIfPresent(token.path, join(this.dir, 'free', token.slot));
  }

  /** Every held slot. */
  async held(): Promise<LocalSlotToken[]> {
    const tokens: LocalSlotToken[] = [];
    for (const name of (await readdirIfPresent(join(this.dir, 'held'))) ?? []) {
      const dot = name.indexOf('.');
      const key = parseJobKeyName(name.slice(dot + 1));
      if (dot > 0 && key !== undefined) {
        tokens.push(this.token(name.slice(0, dot), key));
      }
    }
    return tokens;
  }

  private token(slot: string, key: LocalJobKey): LocalSlotToken {
    return { slot, key, path: join(this.dir, 'held', `${slot}.${jobKeyName(key)}`) };
  }
}
