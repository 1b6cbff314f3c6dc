import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

// Built into bench/dist/ship/.
const SCRIPT = join(__dirname, '..', '..', '..', 'infra', 'local', 'opensearch.sh');
const run = promisify(execFile);

/** Stops and starts the local OpenSearch (infra/local/opensearch.sh), as an operator's outage would. */
export async function stopOpenSearch(): Promise<void> {
  await run('bash', [SCRIPT, 'stop']);
}

export async function startOpenSearch(): Promise<void> {
  await run('bash', [SCRIPT, 'start'], { timeout: 180_000 });
}
