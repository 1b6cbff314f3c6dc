import { QueueConfigException } from '../queue-config.exception';
import { validateSimQueueModel } from './validate-sim-queue-model.util';

const valid = {
  failureProbability: 0.1,
  queueWaitSeconds: { kind: 'uniform', min: 1, max: 2 },
  runSeconds: { kind: 'lognormal', median: 10, sigma: 0.3, max: 30 },
  errorClass: 'site',
};

describe('validateSimQueueModel', () => {
  it('returns the model when it is valid', () => {
    expect(validateSimQueueModel(valid)).toEqual(valid);
  });

  it('names the field under the path when a probability is out of range', () => {
    expect(() => validateSimQueueModel({ ...valid, failureProbability: 1.5 }, 'queues[3]')).toThrow(
      'queues[3].failureProbability must be within [0,1]',
    );
  });

  it('names the distribution field when its kind is unknown', () => {
    expect(() => validateSimQueueModel({ ...valid, runSeconds: { kind: 'normal' } })).toThrow(
      'runSeconds.kind must be "uniform" or "lognormal"',
    );
  });

  it('rejects a uniform distribution whose max is below its min', () => {
    expect(() => validateSimQueueModel({ ...valid, queueWaitSeconds: { kind: 'uniform', min: 5, max: 1 } })).toThrow(
      'queueWaitSeconds.max must be at least min (5)',
    );
  });

  it('rejects an unknown error class', () => {
    expect(() => validateSimQueueModel({ ...valid, errorClass: 'cosmic' })).toThrow(QueueConfigException);
  });

  it('rejects a missing number, naming it', () => {
    const { failureProbability: _drop, ...rest } = valid;
    expect(() => validateSimQueueModel(rest, 'm')).toThrow('m.failureProbability must be a finite number');
  });

  it('rejects a value that is not an object', () => {
    expect(() => validateSimQueueModel('x')).toThrow('model must be an object');
  });

  it('rejects an empty list of error messages', () => {
    expect(() => validateSimQueueModel({ ...valid, errorMessages: [] })).toThrow(
      'errorMessages must be a non-empty list',
    );
  });
});
