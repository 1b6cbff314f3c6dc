import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { LOCAL_JOB_FILES as F } from './local-job-files.constant';

/**
 * Starts a claimed job's wrapper in a new session (so it is the leader of its own process group) and lets it
 * go: it outlives this process, and any backend on the host can follow it through its job directory.
 */
export function launchLocalJob(dir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/bash', [join(dir, F.wrapper)], { cwd: dir, detached: true, stdio: 'ignore' });
    child.once('error', reject);
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });
}
