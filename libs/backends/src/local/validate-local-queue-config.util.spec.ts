import { LocalBackendException } from './local-backend.exception';
import { validateLocalQueueConfig } from './validate-local-queue-config.util';

describe('validateLocalQueueConfig', () => {
  it('returns the slots when they are valid', () => {
    expect(validateLocalQueueConfig({ slots: 4 })).toEqual({ slots: 4 });
  });

  it('defaults to one slot when the config is empty or absent', () => {
    expect(validateLocalQueueConfig({})).toEqual({ slots: 1 });
    expect(validateLocalQueueConfig(undefined)).toEqual({ slots: 1 });
    expect(validateLocalQueueConfig(null)).toEqual({ slots: 1 });
  });

  it.each([0, -1, 1.5, '2', 1025])('rejects slots %p, naming the field under the path', (slots) => {
    expect(() => validateLocalQueueConfig({ slots }, 'queue Q1 backendConfig')).toThrow(
      'queue Q1 backendConfig.slots must be an integer from 1 to 1024',
    );
  });

  it('rejects an unknown key, naming it', () => {
    expect(() => validateLocalQueueConfig({ slots: 1, partition: 'a' })).toThrow(
      'backendConfig.partition is not a known field (known: slots)',
    );
  });

  it('rejects a value that is not an object, with the code queue-config', () => {
    expect(() => validateLocalQueueConfig([1], 'cfg')).toThrow('cfg must be an object');
    try {
      validateLocalQueueConfig('x');
    } catch (error) {
      expect(error).toBeInstanceOf(LocalBackendException);
      expect((error as LocalBackendException).code).toBe('queue-config');
    }
  });
});
