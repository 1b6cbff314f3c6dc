import { FLAKY_SCENARIO } from './scenario/catalogue/flaky.scenario';
import { ScenarioReplay } from './scenario/replay/scenario-replay';
import { simQueueBehaviour } from './sim-queue-behaviour.util';
import type { SimQueueModel } from './sim-queue-model';

const model: SimQueueModel = {
  failureProbability: 0.1,
  queueWaitSeconds: { kind: 'uniform', min: 1, max: 2 },
  runSeconds: { kind: 'uniform', min: 5, max: 10 },
  errorClass: 'site',
};

describe('simQueueBehaviour', () => {
  const replay = new ScenarioReplay(FLAKY_SCENARIO, 1, 60, 0);

  it('uses the queue model when the config names no scenario queue', () => {
    expect(simQueueBehaviour(model, 'q', replay)).toEqual({ kind: 'model', model });
  });

  it('plays the named scenario queue when the scenario has it', () => {
    const behaviour = simQueueBehaviour({ scenarioQueue: 'RAL-LCG2_FLAKY' }, 'q', replay);
    expect(behaviour.kind).toBe('scenario');
    expect(behaviour.kind === 'scenario' && behaviour.queue.failureRate).toBe(0.1);
  });

  it('never matches the queue by its own id', () => {
    expect(simQueueBehaviour({ ...model, id: 'RAL-LCG2_FLAKY' }, 'q', replay).kind).toBe('model');
  });

  it('falls back to the model when no scenario is loaded or the scenario lacks the queue', () => {
    expect(simQueueBehaviour({ ...model, scenarioQueue: 'RAL-LCG2_FLAKY' }, 'q').kind).toBe('model');
    expect(simQueueBehaviour({ ...model, scenarioQueue: 'NOPE' }, 'q', replay).kind).toBe('model');
  });

  it('refuses a scenario queue it cannot play when there is no model, naming the field', () => {
    expect(() => simQueueBehaviour({ scenarioQueue: 'NOPE' }, 'queue Q1 backendConfig', replay)).toThrow(
      'queue Q1 backendConfig.scenarioQueue names NOPE, but scenario flaky has no such queue and there is no model',
    );
    expect(() => simQueueBehaviour({ scenarioQueue: 'RAL-LCG2_FLAKY' }, 'q')).toThrow('no scenario is loaded');
    expect(() => simQueueBehaviour({ scenarioQueue: 3 }, 'q', replay)).toThrow(
      'q.scenarioQueue must be a non-empty string',
    );
  });

  it('rejects an invalid model, naming the field', () => {
    expect(() => simQueueBehaviour({ ...model, failureProbability: 2 }, 'q')).toThrow(
      'q.failureProbability must be within [0,1]',
    );
  });
});
