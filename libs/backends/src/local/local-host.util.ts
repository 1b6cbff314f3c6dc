import { readFile } from 'node:fs/promises';

let bootId: Promise<string> | undefined;

/** The host's boot id (`/proc/sys/kernel/random/boot_id`): it changes at every boot. */
export function currentBootId(): Promise<string> {
  bootId ??= readFile('/proc/sys/kernel/random/boot_id', 'utf8').then((text) => text.trim());
  return bootId;
}

/** True while a process with this pid runs (it may belong to another user); a zombie has ended. */
export async function isProcessAlive(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  // `pid (comm) state …`; comm may hold spaces and parentheses, so the state follows the last `)`.
  return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
}

/** Sends `signal` to every process of the group `pgid`; a group already gone is fine. */
export function signalProcessGroup(pgid: number, signal: NodeJS.Signals): void {
  // kill(-1) would signal every process of this user.
  if (!Number.isInteger(pgid) || pgid <= 1) {
    throw new Error(`refusing to signal process group ${pgid}`);
  }
  try {
    process.kill(-pgid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') {
      throw error;
    }
  }
}
