import { randomBytes } from 'node:crypto';
import { link, open, readdir, readFile, rename, rm, unlink, writeFile } from 'node:fs/promises';

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/** True when `error` is a Node file-system error with one of `codes`. */
export function isFsError(error: unknown, ...codes: string[]): boolean {
  const code = errorCode(error);
  return code !== undefined && codes.includes(code);
}

function tempPathFor(path: string): string {
  return `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
}

/**
 * Writes `path` under a temporary name, then renames it into place: a reader (or a batch script being run) sees
 * the old file or the whole new one, never a part.
 */
export async function writeFileAtomic(path: string, data: string, mode = 0o644): Promise<void> {
  const temp = tempPathFor(path);
  try {
    await writeFile(temp, data, { mode });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Like `writeFileAtomic`, but only when `path` does not exist yet; false when it did. */
export async function publishFileOnce(path: string, data: string): Promise<boolean> {
  const temp = tempPathFor(path);
  await writeFile(temp, data);
  try {
    await link(temp, path);
    return true;
  } catch (error) {
    if (isFsError(error, 'EEXIST')) {
      return false;
    }
    throw error;
  } finally {
    await unlink(temp);
  }
}

/** Renames `from` to `to`; false when `from` was gone (another process moved it first). */
export async function renameIfPresent(from: string, to: string): Promise<boolean> {
  try {
    await rename(from, to);
    return true;
  } catch (error) {
    if (isFsError(error, 'ENOENT')) {
      return false;
    }
    throw error;
  }
}

/** Removes a file; a file already gone is fine. */
export async function unlinkIfPresent(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (error) {
    if (!isFsError(error, 'ENOENT')) {
      throw error;
    }
  }
}

/** The entries of a directory, or undefined when it does not exist. */
export async function readdirIfPresent(dir: string): Promise<string[] | undefined> {
  try {
    return await readdir(dir);
  } catch (error) {
    if (isFsError(error, 'ENOENT', 'ENOTDIR')) {
      return undefined;
    }
    throw error;
  }
}

/** A file's text, or undefined when it does not exist. */
export async function readTextIfPresent(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (isFsError(error, 'ENOENT')) {
      return undefined;
    }
    throw error;
  }
}

/** A JSON file written atomically, or undefined when it does not exist. */
export async function readJsonIfPresent<T>(path: string): Promise<T | undefined> {
  const text = await readTextIfPresent(path);
  return text === undefined ? undefined : (JSON.parse(text) as T);
}

/** The last `maxBytes` of a file as text, or undefined when it does not exist. */
export async function readTailIfPresent(path: string, maxBytes: number): Promise<string | undefined> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if (isFsError(error, 'ENOENT')) {
      return undefined;
    }
    throw error;
  }
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, maxBytes);
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, size - length);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}
