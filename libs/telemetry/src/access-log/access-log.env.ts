import { EnvReader } from '@anvil/config';

/**
 * ANVIL_ACCESS_LOG (default true): the access lines of a service that has them (the gateway), whatever
 * ANVIL_LOG_LEVEL says — they are the request log, not diagnostics.
 */
export function loadAccessLogEnabled(reader = new EnvReader()): boolean {
  return reader.bool('ANVIL_ACCESS_LOG', true);
}
