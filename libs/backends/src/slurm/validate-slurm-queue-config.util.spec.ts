import { QueueConfigException } from '../queue-config.exception';
import { validateSlurmQueueConfig } from './validate-slurm-queue-config.util';

describe('validateSlurmQueueConfig', () => {
  it('returns the partition alone when only it is set', () => {
    expect(validateSlurmQueueConfig({ partition: 'anvil-a' })).toEqual({ partition: 'anvil-a' });
  });

  it('returns account and QOS when they are set', () => {
    expect(validateSlurmQueueConfig({ partition: 'p', account: 'atlas', qos: 'normal' }, 'q')).toEqual({
      partition: 'p',
      account: 'atlas',
      qos: 'normal',
    });
  });

  it('names the field under the path when the partition is missing', () => {
    expect(() => validateSlurmQueueConfig({ account: 'atlas' }, 'queue q1 backendConfig')).toThrow(
      'queue q1 backendConfig.partition is required',
    );
  });

  it('rejects an unknown key, naming it and the known ones', () => {
    expect(() => validateSlurmQueueConfig({ partition: 'p', partion: 'p' }, 'c')).toThrow(
      'c.partion is not a known field (known: partition, account, qos)',
    );
  });

  it('rejects a name that would split a Slurm option', () => {
    expect(() => validateSlurmQueueConfig({ partition: 'a,b' }, 'c')).toThrow(
      'c.partition must be a Slurm name (1–128 letters, digits, _ . + -), got "a,b"',
    );
  });

  it('rejects a QOS that is not a string', () => {
    expect(() => validateSlurmQueueConfig({ partition: 'p', qos: 3 }, 'c')).toThrow('c.qos must be a Slurm name');
  });

  it('rejects a value that is not an object, as a QueueConfigException', () => {
    expect(() => validateSlurmQueueConfig(['anvil-a'], 'c')).toThrow(QueueConfigException);
    expect(() => validateSlurmQueueConfig(null)).toThrow('backendConfig must be an object');
  });
});
