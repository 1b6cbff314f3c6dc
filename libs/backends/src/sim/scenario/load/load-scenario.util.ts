import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { SCENARIO_CATALOGUE } from '../catalogue/scenario-catalogue.constant';
import type { ScenarioDescription } from '../scenario.types';
import { parseScenario } from './parse-scenario.util';
import { ScenarioValidationException } from './scenario-validation.exception';

/** Parses a JSON or YAML scenario document and validates it; a syntax error is reported at path `scenario`. */
export function parseScenarioText(text: string, format: 'json' | 'yaml', source?: string): ScenarioDescription {
  let value: unknown;
  try {
    value = format === 'json' ? JSON.parse(text) : parseYaml(text, { prettyErrors: true });
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ScenarioValidationException('scenario', `is not valid ${format.toUpperCase()}: ${detail}`, source);
  }
  return parseScenario(value, source);
}

/** A scenario from a `.json`, `.yaml` or `.yml` file; errors name the file and the field. */
export function loadScenarioFile(path: string): ScenarioDescription {
  const ext = extname(path).toLowerCase();
  if (ext !== '.json' && ext !== '.yaml' && ext !== '.yml') {
    throw new Error(`scenario file ${path} must end in .json, .yaml or .yml`);
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read scenario file ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return parseScenarioText(text, ext === '.json' ? 'json' : 'yaml', path);
}

/**
 * A catalogue scenario by name (`central-outage`, …; see `SCENARIO_CATALOGUE`) or a scenario file by path.
 * Throws naming the catalogue when `nameOrPath` is neither.
 */
export function loadScenario(nameOrPath: string): ScenarioDescription {
  const named = SCENARIO_CATALOGUE.find((d) => d.name === nameOrPath);
  if (named !== undefined) {
    return named;
  }
  if (!/\.(json|ya?ml)$/i.test(nameOrPath)) {
    throw new Error(
      `scenario "${nameOrPath}" is neither a catalogue scenario (${SCENARIO_CATALOGUE.map((d) => d.name).join(', ')}) ` +
        'nor a .json/.yaml/.yml file',
    );
  }
  return loadScenarioFile(nameOrPath);
}
