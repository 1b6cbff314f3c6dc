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
});
