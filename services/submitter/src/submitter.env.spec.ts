import { EnvReader } from '@anvil/config';
import { loadSubmitterConfig } from './submitter.env';

describe('loadSubmitterConfig', () => {
  it('uses the documented defaults', () => {
    const config = loadSubmitterConfig(new EnvReader({ ANVIL_SUBMITTER_ID: 'sub1' }));
    expect(config).toMatchObject({ port: 8092, submitterId: 'sub1', tickMs: 1000, reconcileMs: 5000, simSeed: 42 });
  });

  it('derives the id from the host name when unset', () => {
    expect(loadSubmitterConfig(new EnvReader({})).submitterId).toMatch(/^submitter-/);
  });

  it('stops on an id that is not a subject token, naming ANVIL_SUBMITTER_ID', () => {
    expect(() => loadSubmitterConfig(new EnvReader({ ANVIL_SUBMITTER_ID: 'my.host' }))).toThrow(
      'invalid setting ANVIL_SUBMITTER_ID: must be a subject token',
    );
  });

  it('loads a catalogue scenario and refuses an unknown one, naming ANVIL_SIM_SCENARIO', () => {
    const config = loadSubmitterConfig(new EnvReader({ ANVIL_SIM_SCENARIO: 'central-outage' }));
    expect(config.simScenario?.name).toBe('central-outage');
    expect(() => loadSubmitterConfig(new EnvReader({ ANVIL_SIM_SCENARIO: 'no-such-scenario' }))).toThrow(
      'invalid setting ANVIL_SIM_SCENARIO',
    );
  });

  it('refuses a start hour past the scenario, naming ANVIL_SIM_START_HOUR', () => {
    expect(() =>
      loadSubmitterConfig(new EnvReader({ ANVIL_SIM_SCENARIO: 'central-outage', ANVIL_SIM_START_HOUR: '500' })),
    ).toThrow('invalid setting ANVIL_SIM_START_HOUR');
  });

  it('refuses half of the panda settings, naming the missing one', () => {
    expect(() => loadSubmitterConfig(new EnvReader({ ANVIL_PANDA_URL: 'https://panda.example' }))).toThrow(
      'invalid setting ANVIL_PANDA_TOKEN_FILE',
    );
  });

  it('refuses a relative work directory, naming it', () => {
    expect(() => loadSubmitterConfig(new EnvReader({ ANVIL_SLURM_WORK_DIR: 'jobs' }))).toThrow(
      'invalid setting ANVIL_SLURM_WORK_DIR: must be an absolute path',
    );
  });

  it('refuses a stale threshold not above the heartbeat period, naming it', () => {
    expect(() =>
      loadSubmitterConfig(
        new EnvReader({ ANVIL_SUBMITTER_HEARTBEAT_MS: '5000', ANVIL_SUBMITTER_STALE_AFTER_MS: '5000' }),
      ),
    ).toThrow('invalid setting ANVIL_SUBMITTER_STALE_AFTER_MS: must be above ANVIL_SUBMITTER_HEARTBEAT_MS (5000)');
  });
});
