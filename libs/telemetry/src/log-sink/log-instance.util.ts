import { hostname } from 'node:os';

/**
 * Names this process incarnation in batch ids (`<source>-<instance>-<sequence>`): host, pid and start time, as a
 * subject token (`[A-Za-z0-9_-]`). A restarted process gets a new one, so its sequence can start again at 1 without
 * colliding, inside JetStream's duplicate window, with the batches of the previous one. Used by the log sinks and
 * by the shipper's syslog listener.
 */
export function logInstanceId(host = hostname(), pid = process.pid, startedAt = Date.now()): string {
  const safeHost = host.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 63) || 'host';
  return `${safeHost}-${pid}-${startedAt.toString(36)}`;
}
