import { validateSimQueueModel } from '../../validate-sim-queue-model.util';
import { CENTRAL_OUTAGE_SCENARIO } from '../catalogue/central-outage.scenario';
import { FLAKY_SCENARIO } from '../catalogue/flaky.scenario';
import { buildScenarioGrid } from './scenario-grid.util';

describe('buildScenarioGrid', () => {
  it('creates one sim queue per scenario queue, each playing itself, on the scenario sites', () => {
    const grid = buildScenarioGrid(CENTRAL_OUTAGE_SCENARIO, { seed: 1, timeScale: 60 });
    expect(grid.queues).toHaveLength(40);
    expect(grid.sites.map((s) => s.id)).toEqual(CENTRAL_OUTAGE_SCENARIO.grid.sites.map((s) => s.id));
    expect(grid.templates).toEqual(['pft-evgen', 'pft-simul', 'aft-analysis']);
    for (const queue of grid.queues) {
      expect(queue.backendConfig.scenarioQueue).toBe(queue.id);
      expect(queue.labels).toMatchObject({ site: queue.siteId, sim_grid: 'scenario' });
      expect(() => validateSimQueueModel(queue.backendConfig)).not.toThrow();
    }
    expect(grid.sites.find((s) => s.id === 'CERN-PROD')?.labels.country).toBe('CH');
  });

  it('gives the named queues their baseline as profile and fallback model', () => {
    const grid = buildScenarioGrid(FLAKY_SCENARIO, { seed: 1, timeScale: 60 });
    const flaky = grid.queues.find((q) => q.id === 'RAL-LCG2_FLAKY')!;
    expect(flaky.labels.sim_profile).toBe('flaky');
    expect(flaky.backendConfig).toMatchObject({ failureProbability: 0.1, errorClass: 'site' });
    const slow = grid.queues.find((q) => q.id === 'CERN-PROD_SLOW')!;
    expect(slow.backendConfig.runSeconds).toEqual({ kind: 'uniform', min: 60, max: 360 });
  });
});
