import type { QueueSnapshot } from './engine-snapshot.types';

/**
 * The value of a scope spec for a queue: `global` → `global`, `site` → `site:<siteId>`,
 * `label:<key>` → `label:<key>=<value>`; undefined when the queue has no such label.
 */
export function scopeValue(queue: Pick<QueueSnapshot, 'siteId' | 'labels'>, spec: string): string | undefined {
  if (spec === 'global') {
    return 'global';
  }
  if (spec === 'site') {
    return `site:${queue.siteId}`;
  }
  const key = spec.slice('label:'.length);
  const value = queue.labels[key];
  return value === undefined ? undefined : `label:${key}=${value}`;
}

/** A scope value as subject-token characters (`site:CERN` → `site_CERN`). */
export function scopeToken(scope: string): string {
  return scope.replace(/[^A-Za-z0-9_-]/g, '_');
}
