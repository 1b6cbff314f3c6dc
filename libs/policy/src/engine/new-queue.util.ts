import type { QueueProfile } from '../engine.types';
import type { QueueSnapshot } from './engine-snapshot.types';

/** A queue the engine has not seen before: online, not protected, auto-exclusion on, no labels. */
export function newQueue(queueId: string, siteId: string, since: number): QueueSnapshot {
  return {
    formatVersion: 1,
    queueId,
    siteId,
    labels: {},
    protected: false,
    autoExclusion: true,
    status: 'online',
    excludedBy: null,
    override: null,
    episode: null,
    exclusionCount: 0,
    goodSince: since,
    reexcludeAfter: 0,
    seq: 0,
    breakerFailing: null,
    templates: {},
    recent: [],
  };
}

/** Copies a profile onto the queue's state (its results and status stay). */
export function applyProfile(queue: QueueSnapshot, profile: QueueProfile): void {
  queue.siteId = profile.siteId;
  queue.labels = { ...(profile.labels ?? {}) };
  queue.protected = profile.protected ?? false;
  queue.autoExclusion = profile.autoExclusion ?? true;
  if (profile.backend === undefined) {
    delete queue.backend;
  } else {
    queue.backend = profile.backend;
  }
}
