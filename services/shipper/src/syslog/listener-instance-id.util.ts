import { hostname } from 'node:os';

/**
 * Names this shipper process in batch ids (`haproxy-<instance>-<sequence>`): host, pid and start time, as a subject
 * token. A restarted process gets a new one, so its sequence can start again at 1 without colliding with the
 * batches of the previous one inside JetStream's duplicate window.
 */
export function listenerInstanceId(host = hostname(), pid = process.pid, startedAt = Date.now()): string {
  const safeHost = host.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 63) || 'host';
  return `${safeHost}-${pid}-${startedAt.toString(36)}`;
}
