import { ConfigException } from './config.exception';
import { EnvReader } from './env-reader';
import { loadCoreConfig } from './core.env';

describe(EnvReader.name, () => {
  describe('int', () => {
    it('returns the fallback when the setting is absent', () => {
      expect(new EnvReader({}).int('X', 7)).toBe(7);
    });
    it('names the setting when the value is not an integer', () => {
      expect(() => new EnvReader({ X: '1.5' }).int('X', 7)).toThrow('invalid setting X: must be an integer, got "1.5"');
    });
    it('names the setting when the value is out of range', () => {
      expect(() => new EnvReader({ X: '0' }).int('X', 7, { min: 1 })).toThrow(ConfigException);
    });
  });
  describe('bool', () => {
    it('accepts the usual spellings', () => {
      expect(new EnvReader({ A: 'yes', B: 'off' }).bool('A', false)).toBe(true);
      expect(new EnvReader({ A: 'yes', B: 'off' }).bool('B', true)).toBe(false);
    });
    it('rejects anything else naming the setting', () => {
      expect(() => new EnvReader({ A: 'maybe' }).bool('A', false)).toThrow('invalid setting A');
    });
  });
  describe('string', () => {
    it('throws when a required setting is missing', () => {
      expect(() => new EnvReader({}).string('NEEDED')).toThrow('invalid setting NEEDED: is required');
    });
  });
});

describe('loadCoreConfig', () => {
  it('uses loopback defaults', () => {
    const config = loadCoreConfig(new EnvReader({}));
    expect(config.natsUrl).toBe('nats://127.0.0.1:4222');
    expect(config.namespace).toBe('');
  });
  it('stops on a bad namespace, naming ANVIL_NAMESPACE', () => {
    expect(() => loadCoreConfig(new EnvReader({ ANVIL_NAMESPACE: 'Bad.Name' }))).toThrow(
      'invalid setting ANVIL_NAMESPACE',
    );
  });
  it('stops on a database URL with the wrong scheme', () => {
    expect(() => loadCoreConfig(new EnvReader({ ANVIL_DATABASE_URL: 'mysql://x/y' }))).toThrow(
      'invalid setting ANVIL_DATABASE_URL: must use postgres or postgresql',
    );
  });
});
