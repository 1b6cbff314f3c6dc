import type { QueueSnapshot } from './engine-snapshot.types';

/**
 * A copy of a queue's state that later engine steps cannot change: every mutable container is copied,
 * the outcome records (readonly, never changed once kept) are shared. Much cheaper than a deep clone,
 * which matters because the decider checkpoints every busy queue.
 */
export function copyQueueSnapshot(queue: QueueSnapshot): QueueSnapshot {
  return {
    ...queue,
    labels: { ...queue.labels },
    episode: queue.episode === null ? null : { ...queue.episode },
    templates: Object.fromEntries(Object.entries(queue.templates).map(([id, records]) => [id, [...records]])),
    recent: [...queue.recent],
  };
}
