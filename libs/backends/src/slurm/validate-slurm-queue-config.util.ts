import type { SlurmQueueConfig } from './slurm-queue-config';
import { QueueConfigException } from '../queue-config.exception';

const KNOWN_FIELDS = ['partition', 'account', 'qos'] as const;
// Slurm names: no spaces, `=` or `,` (those would split option values), at most 128 characters.
const SLURM_NAME = /^[A-Za-z0-9_.+-]{1,128}$/;

function field(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`;
}

function optionalName(value: unknown, path: string): string | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (typeof value !== 'string' || !SLURM_NAME.test(value)) {
    throw new QueueConfigException(
      path,
      `must be a Slurm name (1–128 letters, digits, _ . + -), got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/**
 * Checks an untrusted value (a queue's `backend_config`) and returns it as a `SlurmQueueConfig`:
 * `{ partition, account?, qos? }`, each a Slurm name; any other key is an error. Throws a
 * `QueueConfigException` naming the field under `path`, e.g. `queue q1 backendConfig.partition must be …`.
 */
export function validateSlurmQueueConfig(value: unknown, path = ''): SlurmQueueConfig {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new QueueConfigException(path === '' ? 'backendConfig' : path, 'must be an object');
  }
  const config = value as Record<string, unknown>;
  for (const key of Object.keys(config)) {
    if (!(KNOWN_FIELDS as readonly string[]).includes(key)) {
      throw new QueueConfigException(field(path, key), `is not a known field (known: ${KNOWN_FIELDS.join(', ')})`);
    }
  }
  const partition = optionalName(config.partition, field(path, 'partition'));
  if (partition === undefined) {
    throw new QueueConfigException(field(path, 'partition'), 'is required');
  }
  const account = optionalName(config.account, field(path, 'account'));
  const qos = optionalName(config.qos, field(path, 'qos'));
  return {
    partition,
    ...(account === undefined ? {} : { account }),
    ...(qos === undefined ? {} : { qos }),
  };
}
