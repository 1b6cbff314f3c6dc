import { QueueConfigException } from '../queue-config.exception';
import type { PandaQueueConfig } from './panda-queue-config';

const KNOWN_FIELDS = ['computingSite', 'transformation', 'prodSourceLabel', 'logDataset'];
// PanDA queue names, labels and dataset names: no spaces or control characters.
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.:/+-]*$/;

function field(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`;
}

function requireName(value: unknown, path: string): string {
  if (typeof value !== 'string' || !NAME.test(value) || value.length > 255) {
    throw new QueueConfigException(path, 'must be a name of letters, digits and _ . : / + - (at most 255)');
  }
  return value;
}

function optionalName(value: unknown, path: string): string | undefined {
  return value === undefined ? undefined : requireName(value, path);
}

function requireHttpUrl(value: unknown, path: string): string {
  let url: URL | undefined;
  try {
    url = typeof value === 'string' ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new QueueConfigException(path, 'must be an http(s) URL the pilot can download the transformation from');
  }
  return value as string;
}

/**
 * Checks an untrusted value (a queue's `backend_config`) and returns it as a `PandaQueueConfig`.
 * Throws a `QueueConfigException` naming the field under `path`, e.g.
 * `queue 7 backendConfig.computingSite must be a name of …`.
 */
export function validatePandaQueueConfig(value: unknown, path = ''): PandaQueueConfig {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new QueueConfigException(path === '' ? 'backendConfig' : path, 'must be an object');
  }
  const c = value as Record<string, unknown>;
  for (const key of Object.keys(c)) {
    if (!KNOWN_FIELDS.includes(key)) {
      throw new QueueConfigException(field(path, key), `is not a known field (known: ${KNOWN_FIELDS.join(', ')})`);
    }
  }
  const prodSourceLabel = optionalName(c.prodSourceLabel, field(path, 'prodSourceLabel'));
  const logDataset = optionalName(c.logDataset, field(path, 'logDataset'));
  return {
    computingSite: requireName(c.computingSite, field(path, 'computingSite')),
    transformation: requireHttpUrl(c.transformation, field(path, 'transformation')),
    ...(prodSourceLabel === undefined ? {} : { prodSourceLabel }),
    ...(logDataset === undefined ? {} : { logDataset }),
  };
}
