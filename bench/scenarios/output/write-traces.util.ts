import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GeneratedScenario } from '../generator/generate-scenario.util';
import { toTraceLine } from './trace-line.util';
import { truthDocument } from './truth-document.util';

/** Writes `<dir>/<name>.ndjson` (the trace) and `<dir>/<name>.truth.json`; returns the trace paths. */
export function writeTraces(dir: string, scenarios: readonly GeneratedScenario[]): string[] {
  mkdirSync(dir, { recursive: true });
  return scenarios.map((scenario) => {
    const name = scenario.description.name;
    const tracePath = join(dir, `${name}.ndjson`);
    writeFileSync(tracePath, scenario.outcomes.map((o) => `${toTraceLine(o)}\n`).join(''));
    const truth = truthDocument(scenario.truth, scenario.description.summary);
    writeFileSync(join(dir, `${name}.truth.json`), `${JSON.stringify(truth, null, 2)}\n`);
    return tracePath;
  });
}
