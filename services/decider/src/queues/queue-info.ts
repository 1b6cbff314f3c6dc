import type { QueueProfile } from '@anvil/policy';

/** What the decider knows of a queue from `queues`. */
export interface QueueInfo {
  readonly queueId: string;
  readonly siteId: string;
  readonly backend: string;
  readonly backendConfig: Readonly<Record<string, unknown>>;
  readonly labels: Readonly<Record<string, string>>;
  readonly protected: boolean;
  readonly autoExclusion: boolean;
}

/** The engine's view of a queue. */
export function queueProfile(info: QueueInfo): QueueProfile {
  return {
    queueId: info.queueId,
    siteId: info.siteId,
    backend: info.backend,
    labels: info.labels,
    protected: info.protected,
    autoExclusion: info.autoExclusion,
  };
}

/**
 * Labels of every event about the queue, for alert routing: its own labels, then `site`, `backend` and `scope`
 * (the VO/scope label when the queue has one, else `default`) — these three always win over same-named labels.
 */
export function eventLabels(info: QueueInfo): Record<string, string> {
  return {
    ...info.labels,
    site: info.siteId,
    backend: info.backend,
    scope: info.labels.scope ?? info.labels.vo ?? 'default',
  };
}

/** Whether the engine must be told about a change of the queue's row. */
export function profileChanged(before: QueueInfo, after: QueueInfo): boolean {
  return JSON.stringify(queueProfile(before)) !== JSON.stringify(queueProfile(after));
}
