import { ERROR_CLASS_NAMES, type ErrorClassName } from '../backend-job-status';
import type { Distribution } from './distribution';
import { QueueConfigException } from '../queue-config.exception';
import type { SimQueueModel } from './sim-queue-model';

type Fields = Record<string, unknown>;

function field(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`;
}

function requireObject(value: unknown, path: string): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new QueueConfigException(path === '' ? 'model' : path, 'must be an object');
  }
  return value as Fields;
}

function requireNumber(value: unknown, path: string, min: number, max = Number.POSITIVE_INFINITY): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new QueueConfigException(path, 'must be a finite number');
  }
  if (value < min || value > max) {
    throw new QueueConfigException(path, `must be within [${min},${max === Number.POSITIVE_INFINITY ? '∞' : max}]`);
  }
  return value;
}

function optionalNumber(value: unknown, path: string, min: number): number | undefined {
  return value === undefined ? undefined : requireNumber(value, path, min);
}

function validateDistribution(value: unknown, path: string): Distribution {
  const d = requireObject(value, path);
  switch (d.kind) {
    case 'uniform': {
      const min = requireNumber(d.min, field(path, 'min'), 0);
      const max = requireNumber(d.max, field(path, 'max'), 0);
      if (max < min) {
        throw new QueueConfigException(field(path, 'max'), `must be at least min (${min})`);
      }
      return { kind: 'uniform', min, max };
    }
    case 'lognormal': {
      const median = requireNumber(d.median, field(path, 'median'), 0);
      const sigma = requireNumber(d.sigma, field(path, 'sigma'), 0, 10);
      const max = optionalNumber(d.max, field(path, 'max'), median);
      return max === undefined ? { kind: 'lognormal', median, sigma } : { kind: 'lognormal', median, sigma, max };
    }
    default:
      throw new QueueConfigException(
        field(path, 'kind'),
        `must be "uniform" or "lognormal", got ${JSON.stringify(d.kind)}`,
      );
  }
}

/**
 * Checks an untrusted value (a queue's `backend_config`) and returns it as a `SimQueueModel`.
 * Throws a `QueueConfigException` naming the field under `path`, e.g. `queues[3].failureProbability must be within [0,1]`.
 */
export function validateSimQueueModel(value: unknown, path = ''): SimQueueModel {
  const m = requireObject(value, path);
  const errorClass = m.errorClass;
  if (typeof errorClass !== 'string' || !(ERROR_CLASS_NAMES as readonly string[]).includes(errorClass)) {
    throw new QueueConfigException(field(path, 'errorClass'), `must be one of ${ERROR_CLASS_NAMES.join(', ')}`);
  }
  let errorMessages: string[] | undefined;
  if (m.errorMessages !== undefined) {
    if (
      !Array.isArray(m.errorMessages) ||
      m.errorMessages.length === 0 ||
      !m.errorMessages.every((s): s is string => typeof s === 'string' && s !== '')
    ) {
      throw new QueueConfigException(field(path, 'errorMessages'), 'must be a non-empty list of non-empty strings');
    }
    errorMessages = m.errorMessages;
  }
  const failFastSeconds = optionalNumber(m.failFastSeconds, field(path, 'failFastSeconds'), 0);
  const eventsPerSecond = optionalNumber(m.eventsPerSecond, field(path, 'eventsPerSecond'), 0);
  return {
    failureProbability: requireNumber(m.failureProbability, field(path, 'failureProbability'), 0, 1),
    queueWaitSeconds: validateDistribution(m.queueWaitSeconds, field(path, 'queueWaitSeconds')),
    runSeconds: validateDistribution(m.runSeconds, field(path, 'runSeconds')),
    errorClass: errorClass as ErrorClassName,
    ...(failFastSeconds === undefined ? {} : { failFastSeconds }),
    ...(errorMessages === undefined ? {} : { errorMessages }),
    ...(eventsPerSecond === undefined ? {} : { eventsPerSecond }),
  };
}
