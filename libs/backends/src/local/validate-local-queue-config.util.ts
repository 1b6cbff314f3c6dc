import { LocalBackendException } from './local-backend.exception';
import { LOCAL_MAX_SLOTS, type LocalQueueConfig } from './local-queue-config';

const KNOWN_KEYS = ['slots'];

function fail(field: string, problem: string): never {
  throw new LocalBackendException('queue-config', `${field} ${problem}`);
}

/**
 * Checks an untrusted value (a queue's `backend_config`) and returns it as a `LocalQueueConfig`: `{ slots? }`,
 * an integer from 1 to `LOCAL_MAX_SLOTS` (default 1); absent or null means all defaults. Throws a
 * `LocalBackendException` (code `queue-config`) naming the field under `field`, e.g. `queue Q1 backendConfig.slots`.
 */
export function validateLocalQueueConfig(value: unknown, field = 'backendConfig'): LocalQueueConfig {
  if (value === undefined || value === null) {
    return { slots: 1 };
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    fail(field, 'must be an object');
  }
  const config = value as Record<string, unknown>;
  for (const key of Object.keys(config)) {
    if (!KNOWN_KEYS.includes(key)) {
      fail(`${field}.${key}`, `is not a known field (known: ${KNOWN_KEYS.join(', ')})`);
    }
  }
  const slots = config.slots ?? 1;
  if (typeof slots !== 'number' || !Number.isInteger(slots) || slots < 1 || slots > LOCAL_MAX_SLOTS) {
    fail(`${field}.slots`, `must be an integer from 1 to ${LOCAL_MAX_SLOTS}`);
  }
  return { slots };
}
