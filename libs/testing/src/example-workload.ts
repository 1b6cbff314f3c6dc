import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const EXAMPLES = join(__dirname, '..', '..', '..', 'docs', 'examples');

/**
 * The workload of `docs/examples/<name>.workload.json`, with `"script": "@<file>"` replaced by that file's
 * text, as an operator creating the template would send it.
 */
export function loadExampleWorkload(name: 'cpu-benchmark' | 'data-access-check'): Record<string, unknown> {
  const workload = JSON.parse(readFileSync(join(EXAMPLES, `${name}.workload.json`), 'utf8')) as Record<string, unknown>;
  const script = workload.script;
  if (typeof script === 'string' && script.startsWith('@')) {
    workload.script = readFileSync(join(EXAMPLES, script.slice(1)), 'utf8');
  }
  return workload;
}
