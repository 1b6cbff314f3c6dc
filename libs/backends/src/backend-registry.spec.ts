import Redis from 'ioredis';
import { createBackend } from './backend-registry';
import { BackendUnavailableException } from './backend-unavailable.exception';
import { SimBackend } from './sim/sim-backend';
import { SlurmBackend } from './slurm/slurm-backend';

describe('createBackend', () => {
  it('creates the sim backend when given its settings', () => {
    // lazyConnect: the client opens no connection until a command is sent, and none is here.
    const redis = new Redis({ lazyConnect: true });
    const backend = createBackend('sim', { sim: { seed: 1, redis, keyPrefix: 'test:anvil:sim' } });
    redis.disconnect();
    expect(backend).toBeInstanceOf(SimBackend);
    expect(backend.name).toBe('sim');
    expect(backend.capabilities.maxPollBatch).toBeGreaterThan(0);
  });

  it('creates each configured backend under its name', () => {
    const backend = createBackend('slurm', { slurm: { workDir: '/tmp/anvil-registry-spec' } });
    expect(backend).toBeInstanceOf(SlurmBackend);
    expect(createBackend('local', { local: { workDir: '/tmp/anvil-registry-spec' } }).name).toBe('local');
  });

  it('refuses a backend without its settings, naming the settings it needs', () => {
    expect(() => createBackend('panda', { missing: { panda: 'set ANVIL_PANDA_URL' } })).toThrow(
      'backend panda is not configured: set ANVIL_PANDA_URL',
    );
    expect(() => createBackend('kubernetes', {})).toThrow(BackendUnavailableException);
    expect(() => createBackend('sim', {})).toThrow('backend sim is not configured');
  });
});
