import { backendConfigProblem } from './backend-config-problem.util';

const SIM_MODEL = {
  failureProbability: 0.1,
  queueWaitSeconds: { kind: 'uniform', min: 1, max: 5 },
  runSeconds: { kind: 'lognormal', median: 30, sigma: 0.5 },
  errorClass: 'site',
};

describe('backendConfigProblem', () => {
  it('accepts what each backend accepts', () => {
    expect(backendConfigProblem('sim', SIM_MODEL)).toBeUndefined();
    expect(backendConfigProblem('sim', { scenarioQueue: 'Q001' })).toBeUndefined();
    expect(backendConfigProblem('local', {})).toBeUndefined();
    expect(backendConfigProblem('local', { slots: 4 })).toBeUndefined();
    expect(backendConfigProblem('slurm', { partition: 'short', account: 'atlas' })).toBeUndefined();
    expect(backendConfigProblem('kubernetes', {})).toBeUndefined();
  });

  it('names the field under backendConfig when a required field is missing', () => {
    expect(backendConfigProblem('slurm', {})).toEqual({ field: 'backendConfig.partition', problem: 'is required' });
    expect(backendConfigProblem('sim', {})?.field).toBe('backendConfig.errorClass');
  });

  it('names the field of a value out of range, for the local backend too', () => {
    expect(backendConfigProblem('local', { slots: 0 })).toEqual({
      field: 'backendConfig.slots',
      problem: 'must be an integer from 1 to 1024',
    });
    expect(backendConfigProblem('sim', { ...SIM_MODEL, failureProbability: 2 })).toEqual({
      field: 'backendConfig.failureProbability',
      problem: 'must be within [0,1]',
    });
  });

  it('refuses unknown fields and a scenario queue that is not a name', () => {
    expect(backendConfigProblem('slurm', { partition: 'p', colour: 'red' })?.field).toBe('backendConfig.colour');
    expect(backendConfigProblem('sim', { scenarioQueue: 7 })).toEqual({
      field: 'backendConfig.scenarioQueue',
      problem: 'must be a non-empty string',
    });
  });

  it('checks a fallback model given with a scenario queue', () => {
    expect(backendConfigProblem('sim', { scenarioQueue: 'Q1', failureProbability: 0.2 })?.field).toBe(
      'backendConfig.errorClass',
    );
  });
});
