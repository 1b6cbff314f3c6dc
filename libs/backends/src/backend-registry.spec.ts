import { createBackend } from './backend-registry';
import { BackendUnavailableException } from './backend-unavailable.exception';
import { SimBackend } from './sim/sim-backend';

describe('createBackend', () => {
  it('creates the sim backend when given its seed', () => {
    const backend = createBackend('sim', { sim: { seed: 1 } });
    expect(backend).toBeInstanceOf(SimBackend);
    expect(backend.name).toBe('sim');
    expect(backend.capabilities.maxPollBatch).toBeGreaterThan(0);
  });

  it('refuses a backend that does not exist yet, naming it', () => {
    expect(() => createBackend('slurm', {})).toThrow('backend slurm is not available yet');
    expect(() => createBackend('kubernetes', {})).toThrow(BackendUnavailableException);
  });

  it('refuses the sim backend without its settings', () => {
    expect(() => createBackend('sim', {})).toThrow('backend sim needs its settings');
  });
});
