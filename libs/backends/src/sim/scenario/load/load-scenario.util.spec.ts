import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CENTRAL_OUTAGE_SCENARIO } from '../catalogue/central-outage.scenario';
import { SCENARIO_CATALOGUE } from '../catalogue/scenario-catalogue.constant';
import { loadScenario, loadScenarioFile, parseScenarioText } from './load-scenario.util';

const FILES = join(__dirname, '..', 'files');

describe('loadScenario', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'anvil-scenario-'));
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('ships every catalogue scenario as a YAML file equal to it', () => {
    expect(readdirSync(FILES).sort()).toEqual(SCENARIO_CATALOGUE.map((d) => `${d.name}.scenario.yaml`).sort());
    for (const description of SCENARIO_CATALOGUE) {
      expect(loadScenarioFile(join(FILES, `${description.name}.scenario.yaml`))).toEqual(description);
    }
  });

  it('finds a catalogue scenario by name', () => {
    expect(loadScenario('central-outage')).toBe(CENTRAL_OUTAGE_SCENARIO);
  });

  it('loads a JSON file by path', () => {
    const path = join(dir, 'mine.json');
    writeFileSync(path, JSON.stringify({ ...CENTRAL_OUTAGE_SCENARIO, name: 'mine' }));
    expect(loadScenario(path)).toEqual({ ...CENTRAL_OUTAGE_SCENARIO, name: 'mine' });
  });

  it('names the file and the field when the file is invalid', () => {
    const path = join(dir, 'bad.yaml');
    // JSON is YAML too.
    writeFileSync(path, JSON.stringify({ ...CENTRAL_OUTAGE_SCENARIO, durationHours: -1 }));
    expect(() => loadScenario(path)).toThrow(`${path}: durationHours must be within (0,∞), got -1`);
  });

  it('reports a syntax error at path scenario', () => {
    expect(() => parseScenarioText('{"name": ', 'json', 'x.json')).toThrow('x.json: scenario is not valid JSON');
    expect(() => parseScenarioText('a: [1, 2', 'yaml')).toThrow('scenario is not valid YAML');
  });

  it('names the catalogue when the name is neither a scenario nor a file', () => {
    expect(() => loadScenario('centrol-outage')).toThrow(/neither a catalogue scenario \(black-hole, flaky, .*\)/);
    expect(() => loadScenario(join(dir, 'missing.yaml'))).toThrow('cannot read scenario file');
  });
});
